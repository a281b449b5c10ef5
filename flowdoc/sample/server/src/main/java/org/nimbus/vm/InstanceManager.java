// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.vm;

/**
 * Internal instance operations other managers use; not exposed to commands.
 */
public interface InstanceManager {

    /** Looks an instance up, failing when it does not exist. */
    InstanceVO findById(long instanceId);

    /** Reloads the in-memory instance cache from the database. */
    void refreshCache();

    /** Removes the row of a destroyed instance for good. */
    void expunge(InstanceVO instance);
}
