// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.vm.dao;

import java.util.List;

import org.nimbus.utils.db.GenericDao;
import org.nimbus.vm.InstanceVO;

public interface InstanceDao extends GenericDao<InstanceVO, Long> {

    List<InstanceVO> listByZone(long zoneId);

    List<InstanceVO> listByHost(long hostId);

    /** Rows whose name contains the keyword; null filters are ignored. */
    List<InstanceVO> search(String keyword, Long zoneId, String state);
}
