// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.storage.dao;

import java.util.List;

import org.nimbus.storage.SnapshotVO;
import org.nimbus.utils.db.GenericDao;

public interface SnapshotDao extends GenericDao<SnapshotVO, Long> {

    List<SnapshotVO> listByDisk(long diskId);
}
