// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.command.user.zone;

import java.util.ArrayList;
import java.util.List;

import org.nimbus.api.APICommand;
import org.nimbus.api.ApiConstants;
import org.nimbus.api.BaseListCmd;
import org.nimbus.api.Parameter;
import org.nimbus.api.response.ListResponse;
import org.nimbus.api.response.ZoneResponse;
import org.nimbus.dc.ZoneVO;

/**
 * Lists the zones the caller can deploy into.
 */
@APICommand(name = "listZones", description = "Lists zones.", responseObject = ZoneResponse.class,
        requestHasSensitiveInfo = false, responseHasSensitiveInfo = false)
public class ListZonesCmd extends BaseListCmd {

    @Parameter(name = ApiConstants.ID, type = CommandType.UUID, entityType = ZoneResponse.class, description = "one zone")
    private Long id;

    @Parameter(name = ApiConstants.NAME, type = CommandType.STRING, description = "zone name to match exactly")
    private String name;

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    @Override
    public void execute() {
        List<ZoneVO> zones = _zoneService.listZones(this);
        List<ZoneResponse> rows = new ArrayList<ZoneResponse>();
        for (ZoneVO zone : zones) {
            rows.add(_responseGenerator.createZoneResponse(zone));
        }
        ListResponse<ZoneResponse> response = new ListResponse<ZoneResponse>();
        response.setResponses(rows);
        response.setResponseName(getCommandName());
        setResponseObject(response);
    }
}
