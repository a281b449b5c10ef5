// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.vm;

import java.util.List;

import org.nimbus.api.command.user.vm.BaseDeployInstanceCmd;
import org.nimbus.api.command.user.vm.ListInstancesCmd;

/**
 * Lifecycle operations on virtual instances offered to API commands.
 */
public interface InstanceService {

    /**
     * Reserves the database row for a new instance and its root disk; nothing runs yet.
     */
    InstanceVO allocateInstance(BaseDeployInstanceCmd cmd);

    /**
     * Boots an instance that {@link #allocateInstance(BaseDeployInstanceCmd)} reserved.
     */
    InstanceVO startDeployedInstance(BaseDeployInstanceCmd cmd);

    /** Powers on a stopped instance. */
    InstanceVO startInstance(long instanceId);

    /** Restarts a running instance in place. */
    InstanceVO rebootInstance(long instanceId);

    /**
     * Stops an instance and releases its disks; with expunge the row is removed too.
     */
    boolean destroyInstance(long instanceId, boolean expunge);

    /** Moves a running instance to another host. */
    InstanceVO migrateInstance(long instanceId, long hostId);

    /** Instances matching the filters of the list command, one page of them. */
    List<InstanceVO> listInstances(ListInstancesCmd cmd);
}
