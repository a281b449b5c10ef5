// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.command.admin.host;

import org.nimbus.acl.RoleType;
import org.nimbus.api.APICommand;
import org.nimbus.api.ApiConstants;
import org.nimbus.api.BaseCmd;
import org.nimbus.api.Parameter;
import org.nimbus.api.response.HostResponse;
import org.nimbus.api.response.SuccessResponse;

/**
 * Hands out a registration token for a host agent. Used by tooling only, so it is
 * kept out of the published API documentation.
 */
@APICommand(name = "getHostToken", description = "Returns a one-time registration token for a host agent.",
        responseObject = SuccessResponse.class, includeInApiDoc = false, requestHasSensitiveInfo = false,
        responseHasSensitiveInfo = true, authorized = {RoleType.Admin})
public class GetHostTokenCmd extends BaseCmd {

    @Parameter(name = ApiConstants.HOST_ID, type = CommandType.UUID, entityType = HostResponse.class, required = true,
            description = "host that will use the token")
    private Long hostId;

    public Long getHostId() {
        return hostId;
    }

    @Override
    public void execute() {
        String token = _resourceService.getHostToken(getHostId());
        SuccessResponse response = new SuccessResponse(getCommandName());
        response.setDisplayText(token);
        setResponseObject(response);
    }
}
