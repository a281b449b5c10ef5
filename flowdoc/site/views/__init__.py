"""Page views: plain dicts (and escaped Markup parts) that the templates only loop over."""
