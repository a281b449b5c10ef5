// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.storage.dao;

import java.util.List;

import org.nimbus.storage.DiskVO;
import org.nimbus.utils.db.GenericDaoBase;

public class DiskDaoImpl extends GenericDaoBase<DiskVO, Long> implements DiskDao {

    @Override
    protected Long assignId(DiskVO entity, long next) {
        entity.setId(next);
        return next;
    }

    @Override
    public List<DiskVO> listByInstance(long instanceId) {
        return listBy(disk -> disk.getInstanceId() != null && disk.getInstanceId() == instanceId);
    }

    @Override
    public List<DiskVO> listByZone(long zoneId) {
        return listBy(disk -> disk.getZoneId() == zoneId);
    }

    @Override
    public DiskVO findRootDisk(long instanceId) {
        return findOneBy(disk -> DiskVO.TYPE_ROOT.equals(disk.getType())
                && disk.getInstanceId() != null && disk.getInstanceId() == instanceId);
    }
}
