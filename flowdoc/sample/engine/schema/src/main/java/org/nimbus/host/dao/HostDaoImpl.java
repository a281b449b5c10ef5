// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.host.dao;

import java.util.List;

import org.nimbus.host.HostVO;
import org.nimbus.utils.db.GenericDaoBase;

public class HostDaoImpl extends GenericDaoBase<HostVO, Long> implements HostDao {

    @Override
    protected Long assignId(HostVO entity, long next) {
        entity.setId(next);
        return next;
    }

    @Override
    public List<HostVO> listByZone(long zoneId) {
        return listBy(host -> host.getZoneId() == zoneId);
    }

    @Override
    public List<HostVO> listUpHosts(long zoneId) {
        return listBy(host -> host.getZoneId() == zoneId && "Up".equals(host.getState()));
    }
}
