// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.storage;

import java.util.List;

import org.nimbus.api.command.user.disk.CreateDiskCmd;
import org.nimbus.api.command.user.disk.ListDisksCmd;

/**
 * Block disks and their snapshots.
 */
public interface DiskService {

    /** Reserves a data disk row in the Allocated state. */
    DiskVO allocateDisk(CreateDiskCmd cmd);

    /** Asks primary storage to really create the disk reserved earlier. */
    DiskVO createDisk(CreateDiskCmd cmd);

    /** Reserves the boot disk of a new instance. */
    DiskVO allocateRootDisk(long instanceId, long zoneId, Long sizeGb);

    /** Plugs a data disk into an instance at the given slot (or the next free one). */
    DiskVO attachDisk(long diskId, long instanceId, Long deviceId);

    /** Unplugs a disk from whatever instance holds it. */
    DiskVO detachDisk(long diskId);

    List<DiskVO> listDisks(ListDisksCmd cmd);

    List<DiskVO> listDisksForInstance(long instanceId);

    /** Reserves a snapshot row for a disk. */
    SnapshotVO allocateSnapshot(long diskId, String name);

    /** Copies the disk contents into the snapshot reserved earlier. */
    SnapshotVO takeSnapshot(long snapshotId);
}
