// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.dc;

import java.util.Collections;
import java.util.List;

import javax.inject.Inject;

import org.nimbus.api.command.admin.zone.CreateZoneCmd;
import org.nimbus.api.command.user.zone.ListZonesCmd;
import org.nimbus.dc.dao.ZoneDao;
import org.nimbus.network.NetworkService;

/**
 * Zone registry.
 */
public class ZoneManagerImpl implements ZoneService {

    @Inject
    private ZoneDao _zoneDao;

    @Inject
    private NetworkService _networkService;

    @Override
    public List<ZoneVO> listZones(ListZonesCmd cmd) {
        if (cmd.getId() != null) {
            return Collections.singletonList(getZone(cmd.getId()));
        }
        if (cmd.getName() != null) {
            ZoneVO zone = _zoneDao.findByName(cmd.getName());
            return zone == null ? Collections.<ZoneVO>emptyList() : Collections.singletonList(zone);
        }
        return _zoneDao.listAll();
    }

    /**
     * Stores the zone, gives it a default shared network and enables it.
     */
    @Override
    public ZoneVO createZone(CreateZoneCmd cmd) {
        if (_zoneDao.findByName(cmd.getName()) != null) {
            throw new IllegalArgumentException("a zone called " + cmd.getName() + " already exists");
        }
        ZoneVO zone = _zoneDao.persist(new ZoneVO(cmd.getName(), cmd.getDescription(), cmd.getNetworkType()));
        _networkService.createDefaultNetwork(zone.getId());
        zone.setAllocationState("Enabled");
        _zoneDao.update(zone.getId(), zone);
        return zone;
    }

    @Override
    public ZoneVO getZone(long zoneId) {
        ZoneVO zone = _zoneDao.findById(zoneId);
        if (zone == null) {
            throw new IllegalArgumentException("unknown zone " + zoneId);
        }
        return zone;
    }
}
