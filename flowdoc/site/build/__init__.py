"""Building the site: configuration (config), staging folder and swap (staging), the build (build)."""
