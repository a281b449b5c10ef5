// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.command.admin.zone;

import org.nimbus.acl.RoleType;
import org.nimbus.api.APICommand;
import org.nimbus.api.ApiConstants;
import org.nimbus.api.BaseCmd;
import org.nimbus.api.Parameter;
import org.nimbus.api.response.ZoneResponse;
import org.nimbus.dc.ZoneVO;

/**
 * Registers a new zone. Administrators only.
 */
@APICommand(name = "createZone", description = "Registers a new zone.", responseObject = ZoneResponse.class,
        requestHasSensitiveInfo = false, responseHasSensitiveInfo = false, authorized = {RoleType.Admin})
public class CreateZoneCmd extends BaseCmd {

    @Parameter(name = ApiConstants.NAME, type = CommandType.STRING, required = true, description = "name of the zone")
    private String name;

    @Parameter(name = ApiConstants.DESCRIPTION, type = CommandType.STRING, length = 1024,
            description = "free text about the site")
    private String description;

    @Parameter(name = ApiConstants.NETWORK_TYPE, type = CommandType.STRING, description = "Basic or Advanced; Advanced by default")
    private String networkType;

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public String getNetworkType() {
        return networkType == null ? "Advanced" : networkType;
    }

    @Override
    public void execute() {
        ZoneVO zone = _zoneService.createZone(this);
        ZoneResponse response = _responseGenerator.createZoneResponse(zone);
        response.setResponseName(getCommandName());
        setResponseObject(response);
    }
}
