// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api;

/**
 * API names shared between a command class and the code that refers to it by name.
 */
public final class ApiCommandNames {
    public static final String ADD_HOST = "addHost";

    private ApiCommandNames() {
    }
}
