// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.network.dao;

import java.util.List;

import org.nimbus.network.NetworkVO;
import org.nimbus.utils.db.GenericDao;

public interface NetworkDao extends GenericDao<NetworkVO, Long> {

    List<NetworkVO> listByZone(long zoneId);

    NetworkVO findDefaultForZone(long zoneId);
}
