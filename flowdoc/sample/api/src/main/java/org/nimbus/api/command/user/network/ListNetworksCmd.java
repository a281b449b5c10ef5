// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.command.user.network;

import java.util.ArrayList;
import java.util.List;

import org.nimbus.api.APICommand;
import org.nimbus.api.ApiConstants;
import org.nimbus.api.BaseListAccountResourcesCmd;
import org.nimbus.api.Parameter;
import org.nimbus.api.response.ListResponse;
import org.nimbus.api.response.NetworkResponse;
import org.nimbus.api.response.ZoneResponse;
import org.nimbus.network.NetworkVO;

/**
 * Lists guest networks.
 */
@APICommand(name = "listNetworks", description = "Lists guest networks.", responseObject = NetworkResponse.class,
        requestHasSensitiveInfo = false, responseHasSensitiveInfo = false)
public class ListNetworksCmd extends BaseListAccountResourcesCmd {

    @Parameter(name = ApiConstants.ID, type = CommandType.UUID, entityType = NetworkResponse.class, description = "one network")
    private Long id;

    @Parameter(name = ApiConstants.ZONE_ID, type = CommandType.UUID, entityType = ZoneResponse.class,
            description = "only networks of this zone")
    private Long zoneId;

    @Parameter(name = ApiConstants.TYPE, type = CommandType.STRING, description = "Isolated or Shared")
    private String type;

    public Long getId() {
        return id;
    }

    public Long getZoneId() {
        return zoneId;
    }

    public String getType() {
        return type;
    }

    @Override
    public void execute() {
        List<NetworkResponse> rows = new ArrayList<NetworkResponse>();
        for (NetworkVO network : _networkService.listNetworks(this)) {
            rows.add(_responseGenerator.createNetworkResponse(network));
        }
        ListResponse<NetworkResponse> response = new ListResponse<NetworkResponse>();
        response.setResponses(rows);
        response.setResponseName(getCommandName());
        setResponseObject(response);
    }
}
