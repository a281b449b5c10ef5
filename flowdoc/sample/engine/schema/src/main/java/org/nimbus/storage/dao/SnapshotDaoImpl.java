// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.storage.dao;

import java.util.List;

import org.nimbus.storage.SnapshotVO;
import org.nimbus.utils.db.GenericDaoBase;

public class SnapshotDaoImpl extends GenericDaoBase<SnapshotVO, Long> implements SnapshotDao {

    @Override
    protected Long assignId(SnapshotVO entity, long next) {
        entity.setId(next);
        return next;
    }

    @Override
    public List<SnapshotVO> listByDisk(long diskId) {
        return listBy(snapshot -> snapshot.getDiskId() == diskId);
    }
}
