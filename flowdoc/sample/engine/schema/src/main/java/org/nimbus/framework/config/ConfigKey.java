// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.framework.config;

/**
 * A global setting: its name, category, default and description; read with value() or, for a
 * setting that a zone may override, valueIn(zoneId).
 */
public class ConfigKey<T> {

    public enum Scope { Global, Zone }

    private final String name;
    private final String defaultValue;

    public ConfigKey(String category, Class<T> type, String name, String defaultValue, String description,
                     boolean isDynamic, Scope scope) {
        this.name = name;
        this.defaultValue = defaultValue;
    }

    public String key() {
        return name;
    }

    public T value() {
        return null;
    }

    public T valueIn(Long id) {
        return value();
    }
}
