// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.command.admin.host;

import java.util.List;

import org.nimbus.acl.RoleType;
import org.nimbus.api.APICommand;
import org.nimbus.api.ApiCommandNames;
import org.nimbus.api.ApiConstants;
import org.nimbus.api.BaseCmd;
import org.nimbus.api.Parameter;
import org.nimbus.api.response.HostResponse;
import org.nimbus.api.response.ZoneResponse;
import org.nimbus.host.HostVO;

/**
 * Adds a hypervisor host to a zone. The API name comes from a constant in another class.
 */
@APICommand(name = ApiCommandNames.ADD_HOST, description = "Adds a hypervisor host to a zone.",
        responseObject = HostResponse.class, requestHasSensitiveInfo = true, responseHasSensitiveInfo = false,
        authorized = {RoleType.Admin})
public class AddHostCmd extends BaseCmd {

    @Parameter(name = ApiConstants.ZONE_ID, type = CommandType.UUID, entityType = ZoneResponse.class, required = true,
            description = "zone that gets the host")
    private Long zoneId;

    @Parameter(name = ApiConstants.URL, type = CommandType.STRING, required = true, description = "address of the host agent")
    private String url;

    @Parameter(name = ApiConstants.USERNAME, type = CommandType.STRING, description = "login for the host")
    private String username;

    @Parameter(name = ApiConstants.PASSWORD, type = CommandType.STRING, description = "password for that login")
    private String password;

    @Parameter(name = ApiConstants.HYPERVISOR, type = CommandType.STRING, required = true, description = "hypervisor family")
    private String hypervisor;

    @Parameter(name = ApiConstants.HOST_TAGS, type = CommandType.LIST, collectionType = CommandType.STRING,
            description = "placement labels for the host")
    private List<String> hostTags;

    public Long getZoneId() {
        return zoneId;
    }

    public String getUrl() {
        return url;
    }

    public String getUsername() {
        return username;
    }

    public String getPassword() {
        return password;
    }

    public String getHypervisor() {
        return hypervisor;
    }

    public List<String> getHostTags() {
        return hostTags;
    }

    @Override
    public void execute() {
        HostVO host = _resourceService.addHost(this);
        HostResponse response = _responseGenerator.createHostResponse(host);
        response.setResponseName(getCommandName());
        setResponseObject(response);
    }
}
