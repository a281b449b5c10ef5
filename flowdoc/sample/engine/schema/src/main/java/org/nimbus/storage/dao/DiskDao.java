// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.storage.dao;

import java.util.List;

import org.nimbus.storage.DiskVO;
import org.nimbus.utils.db.GenericDao;

public interface DiskDao extends GenericDao<DiskVO, Long> {

    List<DiskVO> listByInstance(long instanceId);

    List<DiskVO> listByZone(long zoneId);

    DiskVO findRootDisk(long instanceId);
}
