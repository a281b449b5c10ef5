// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.host.dao;

import java.util.List;

import org.nimbus.host.HostVO;
import org.nimbus.utils.db.GenericDao;

public interface HostDao extends GenericDao<HostVO, Long> {

    List<HostVO> listByZone(long zoneId);

    List<HostVO> listUpHosts(long zoneId);
}
