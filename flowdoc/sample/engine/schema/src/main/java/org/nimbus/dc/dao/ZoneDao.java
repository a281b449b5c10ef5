// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.dc.dao;

import org.nimbus.dc.ZoneVO;
import org.nimbus.utils.db.GenericDao;

public interface ZoneDao extends GenericDao<ZoneVO, Long> {

    ZoneVO findByName(String name);
}
