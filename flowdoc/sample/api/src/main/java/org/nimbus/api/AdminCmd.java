// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api;

/**
 * Marker for command variants that only administrators reach; they answer with the full view.
 */
public interface AdminCmd {
}
