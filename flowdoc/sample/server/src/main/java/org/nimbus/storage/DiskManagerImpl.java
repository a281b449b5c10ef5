// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.storage;

import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.nimbus.agent.HostAgentManager;
import org.nimbus.api.command.user.disk.CreateDiskCmd;
import org.nimbus.api.command.user.disk.ListDisksCmd;
import org.nimbus.dc.ZoneService;
import org.nimbus.storage.dao.DiskDao;
import org.nimbus.storage.dao.SnapshotDao;
import org.nimbus.vm.InstanceVO;
import org.nimbus.vm.dao.InstanceDao;

/**
 * Disk and snapshot lifecycle.
 */
public class DiskManagerImpl implements DiskService {

    private static final long DEFAULT_ROOT_SIZE_GB = 20L;

    @Inject
    private DiskDao _diskDao;
    @Inject
    private SnapshotDao _snapshotDao;
    @Inject
    private InstanceDao _instanceDao;
    @Inject
    private ZoneService _zoneService;
    @Inject
    private HostAgentManager _agentMgr;

    /** Checks the zone and stores a DATA disk row in the Allocated state. */
    @Override
    public DiskVO allocateDisk(CreateDiskCmd cmd) {
        _zoneService.getZone(cmd.getZoneId());
        DiskVO disk = new DiskVO(cmd.getName(), DiskVO.TYPE_DATA, cmd.getZoneId(), cmd.getSize());
        return _diskDao.persist(disk);
    }

    /** Marks the disk reserved by the create step as ready. */
    @Override
    public DiskVO createDisk(CreateDiskCmd cmd) {
        DiskVO disk = requireDisk(cmd.getEntityId());
        disk.setState("Ready");
        _diskDao.update(disk.getId(), disk);
        return disk;
    }

    @Override
    public DiskVO allocateRootDisk(long instanceId, long zoneId, Long sizeGb) {
        DiskVO disk = new DiskVO("ROOT-" + instanceId, DiskVO.TYPE_ROOT, zoneId, sizeGb == null ? DEFAULT_ROOT_SIZE_GB : sizeGb);
        disk.setInstanceId(instanceId);
        disk.setDeviceId(0L);
        return _diskDao.persist(disk);
    }

    /**
     * Attaches a free disk to an instance and, when the instance runs, tells its host.
     */
    @Override
    public DiskVO attachDisk(long diskId, long instanceId, Long deviceId) {
        DiskVO disk = requireDisk(diskId);
        if (disk.getInstanceId() != null) {
            throw new IllegalStateException("disk " + diskId + " is already attached");
        }
        InstanceVO instance = _instanceDao.findById(instanceId);
        if (instance == null) {
            throw new IllegalArgumentException("unknown instance " + instanceId);
        }
        long slot = deviceId != null ? deviceId : nextFreeSlot(instanceId);
        if (instance.getHostId() != null) {
            _agentMgr.send(instance.getHostId(), "attach " + disk.getUuid() + " " + slot);
        }
        disk.setInstanceId(instanceId);
        disk.setDeviceId(slot);
        _diskDao.update(disk.getId(), disk);
        return disk;
    }

    @Override
    public DiskVO detachDisk(long diskId) {
        DiskVO disk = requireDisk(diskId);
        if (disk.getInstanceId() != null) {
            InstanceVO instance = _instanceDao.findById(disk.getInstanceId());
            if (instance != null && instance.getHostId() != null) {
                _agentMgr.send(instance.getHostId(), "detach " + disk.getUuid());
            }
        }
        disk.setInstanceId(null);
        disk.setDeviceId(null);
        _diskDao.update(disk.getId(), disk);
        return disk;
    }

    @Override
    public List<DiskVO> listDisks(ListDisksCmd cmd) {
        List<DiskVO> disks;
        if (cmd.getId() != null) {
            disks = Collections.singletonList(requireDisk(cmd.getId()));
        } else if (cmd.getInstanceId() != null) {
            disks = _diskDao.listByInstance(cmd.getInstanceId());
        } else if (cmd.getZoneId() != null) {
            disks = _diskDao.listByZone(cmd.getZoneId());
        } else {
            disks = _diskDao.listAll();
        }
        if (cmd.getType() == null) {
            return disks;
        }
        return disks.stream().filter(d -> cmd.getType().equalsIgnoreCase(d.getType())).collect(Collectors.toList());
    }

    @Override
    public List<DiskVO> listDisksForInstance(long instanceId) {
        return _diskDao.listByInstance(instanceId);
    }

    @Override
    public SnapshotVO allocateSnapshot(long diskId, String name) {
        requireDisk(diskId);
        return _snapshotDao.persist(new SnapshotVO(diskId, name));
    }

    /** Has the host holding the disk copy it, then marks the snapshot backed up. */
    @Override
    public SnapshotVO takeSnapshot(long snapshotId) {
        SnapshotVO snapshot = _snapshotDao.findById(snapshotId);
        if (snapshot == null) {
            throw new IllegalArgumentException("unknown snapshot " + snapshotId);
        }
        DiskVO disk = requireDisk(snapshot.getDiskId());
        if (disk.getInstanceId() != null) {
            InstanceVO instance = _instanceDao.findById(disk.getInstanceId());
            if (instance != null && instance.getHostId() != null) {
                _agentMgr.send(instance.getHostId(), "snapshot " + disk.getUuid());
            }
        }
        snapshot.setState("BackedUp");
        _snapshotDao.update(snapshot.getId(), snapshot);
        return snapshot;
    }

    private DiskVO requireDisk(Long diskId) {
        DiskVO disk = _diskDao.findById(diskId);
        if (disk == null) {
            throw new IllegalArgumentException("unknown disk " + diskId);
        }
        return disk;
    }

    private long nextFreeSlot(long instanceId) {
        long highest = 0;
        for (DiskVO attached : _diskDao.listByInstance(instanceId)) {
            if (attached.getDeviceId() != null && attached.getDeviceId() > highest) {
                highest = attached.getDeviceId();
            }
        }
        return highest + 1;
    }
}
