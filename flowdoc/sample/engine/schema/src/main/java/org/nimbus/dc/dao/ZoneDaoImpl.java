// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.dc.dao;

import org.nimbus.dc.ZoneVO;
import org.nimbus.utils.db.GenericDaoBase;

public class ZoneDaoImpl extends GenericDaoBase<ZoneVO, Long> implements ZoneDao {

    @Override
    protected Long assignId(ZoneVO entity, long next) {
        entity.setId(next);
        return next;
    }

    @Override
    public ZoneVO findByName(String name) {
        return findOneBy(zone -> zone.getName().equalsIgnoreCase(name));
    }
}
