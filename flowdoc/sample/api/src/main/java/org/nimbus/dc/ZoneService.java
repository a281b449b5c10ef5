// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.dc;

import java.util.List;

import org.nimbus.api.command.admin.zone.CreateZoneCmd;
import org.nimbus.api.command.user.zone.ListZonesCmd;

/**
 * Zones, the top level of the physical layout.
 */
public interface ZoneService {

    List<ZoneVO> listZones(ListZonesCmd cmd);

    /** Registers a new zone together with its default guest network. */
    ZoneVO createZone(CreateZoneCmd cmd);

    ZoneVO getZone(long zoneId);
}
