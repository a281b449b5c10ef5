// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.command.admin.host;

import java.util.ArrayList;
import java.util.List;

import org.nimbus.acl.RoleType;
import org.nimbus.api.APICommand;
import org.nimbus.api.ApiConstants;
import org.nimbus.api.BaseListCmd;
import org.nimbus.api.Parameter;
import org.nimbus.api.response.HostResponse;
import org.nimbus.api.response.ListResponse;
import org.nimbus.api.response.ZoneResponse;
import org.nimbus.host.HostVO;

/**
 * Lists hypervisor hosts. Administrators only.
 */
@APICommand(name = "listHosts", description = "Lists hypervisor hosts.", responseObject = HostResponse.class,
        requestHasSensitiveInfo = false, responseHasSensitiveInfo = false, authorized = {RoleType.Admin})
public class ListHostsCmd extends BaseListCmd {

    @Parameter(name = ApiConstants.ID, type = CommandType.UUID, entityType = HostResponse.class, description = "one host")
    private Long id;

    @Parameter(name = ApiConstants.ZONE_ID, type = CommandType.UUID, entityType = ZoneResponse.class,
            description = "only hosts of this zone")
    private Long zoneId;

    @Parameter(name = ApiConstants.STATE, type = CommandType.STRING, description = "Up, Down or Connecting")
    private String state;

    public Long getId() {
        return id;
    }

    public Long getZoneId() {
        return zoneId;
    }

    public String getState() {
        return state;
    }

    @Override
    public void execute() {
        List<HostResponse> rows = new ArrayList<HostResponse>();
        for (HostVO host : _resourceService.listHosts(this)) {
            rows.add(_responseGenerator.createHostResponse(host));
        }
        ListResponse<HostResponse> response = new ListResponse<HostResponse>();
        response.setResponses(rows);
        response.setResponseName(getCommandName());
        setResponseObject(response);
    }
}
