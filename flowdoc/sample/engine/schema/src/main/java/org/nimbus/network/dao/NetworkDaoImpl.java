// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.network.dao;

import java.util.List;

import org.nimbus.network.NetworkVO;
import org.nimbus.utils.db.GenericDaoBase;

public class NetworkDaoImpl extends GenericDaoBase<NetworkVO, Long> implements NetworkDao {

    @Override
    protected Long assignId(NetworkVO entity, long next) {
        entity.setId(next);
        return next;
    }

    @Override
    public List<NetworkVO> listByZone(long zoneId) {
        return listBy(network -> network.getZoneId() == zoneId);
    }

    @Override
    public NetworkVO findDefaultForZone(long zoneId) {
        return findOneBy(network -> network.getZoneId() == zoneId && network.isDefault());
    }
}
