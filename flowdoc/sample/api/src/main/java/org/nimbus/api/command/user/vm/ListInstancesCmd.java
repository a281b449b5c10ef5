// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.command.user.vm;

import static org.nimbus.api.ApiConstants.HOST_ID;

import java.util.ArrayList;
import java.util.List;

import org.nimbus.acl.RoleType;
import org.nimbus.api.APICommand;
import org.nimbus.api.ApiConstants;
import org.nimbus.api.BaseListAccountResourcesCmd;
import org.nimbus.api.Parameter;
import org.nimbus.api.response.HostResponse;
import org.nimbus.api.response.InstanceResponse;
import org.nimbus.api.response.ListResponse;
import org.nimbus.api.response.ZoneResponse;
import org.nimbus.vm.InstanceVO;

/**
 * Lists instances the caller may see, with paging and owner filters inherited
 * from the base list commands.
 */
@APICommand(name = "listInstances", description = "Lists virtual instances.", responseObject = InstanceResponse.class,
        responseHasSensitiveInfo = true, authorized = {RoleType.Admin, RoleType.DomainAdmin, RoleType.User})
public class ListInstancesCmd extends BaseListAccountResourcesCmd {

    @Parameter(name = ApiConstants.IDS, type = CommandType.LIST, collectionType = CommandType.UUID,
            entityType = InstanceResponse.class, description = "only these instances")
    private List<Long> ids;

    @Parameter(name = ApiConstants.NAME, type = CommandType.STRING,
            description = "the instance name <script>alert('x')</script> shown in listings")
    private String name;

    @Parameter(name = ApiConstants.ZONE_ID, type = CommandType.UUID, entityType = ZoneResponse.class,
            description = "only instances in this zone")
    private Long zoneId;

    @Parameter(name = ApiConstants.STATE, type = CommandType.STRING, description = "only instances in this power state")
    private String state;

    @Parameter(name = HOST_ID, type = CommandType.UUID, entityType = HostResponse.class, authorized = {RoleType.Admin},
            description = "only instances running on this host")
    private Long hostId;

    public List<Long> getIds() {
        return ids;
    }

    public String getName() {
        return name;
    }

    public Long getZoneId() {
        return zoneId;
    }

    public String getState() {
        return state;
    }

    public Long getHostId() {
        return hostId;
    }

    @Override
    public void execute() {
        List<InstanceVO> instances = _instanceService.listInstances(this);
        List<InstanceResponse> rows = new ArrayList<InstanceResponse>();
        for (InstanceVO instance : instances) {
            rows.add(_responseGenerator.createInstanceResponse(getResponseView(), instance));
        }
        ListResponse<InstanceResponse> response = new ListResponse<InstanceResponse>();
        response.setResponses(rows, rows.size());
        response.setResponseName(getCommandName());
        setResponseObject(response);
    }
}
