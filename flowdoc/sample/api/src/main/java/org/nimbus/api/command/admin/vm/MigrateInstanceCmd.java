// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.command.admin.vm;

import org.nimbus.acl.RoleType;
import org.nimbus.api.APICommand;
import org.nimbus.api.ApiConstants;
import org.nimbus.api.BaseAsyncCmd;
import org.nimbus.api.Parameter;
import org.nimbus.api.ResponseObject.ResponseView;
import org.nimbus.api.response.HostResponse;
import org.nimbus.api.response.InstanceResponse;
import org.nimbus.vm.InstanceVO;

/**
 * Live-moves an instance to another host. Written but never registered with a
 * PluggableService, so the API server cannot reach it.
 */
@APICommand(name = "migrateInstance", description = "Moves a running instance to another host.",
        responseObject = InstanceResponse.class, responseView = ResponseView.Full,
        authorized = {RoleType.Admin})
public class MigrateInstanceCmd extends BaseAsyncCmd {

    @Parameter(name = ApiConstants.ID, type = CommandType.UUID, entityType = InstanceResponse.class, required = true,
            description = "the instance to move")
    private Long id;

    @Parameter(name = ApiConstants.HOST_ID, type = CommandType.UUID, entityType = HostResponse.class, required = true,
            description = "destination host")
    private Long hostId;

    public Long getId() {
        return id;
    }

    public Long getHostId() {
        return hostId;
    }

    @Override
    public String getEventType() {
        return "INSTANCE.MIGRATE";
    }

    @Override
    public String getEventDescription() {
        return "moving instance " + getId() + " to host " + getHostId();
    }

    @Override
    public void execute() {
        InstanceVO instance = _instanceService.migrateInstance(getId(), getHostId());
        InstanceResponse response = _responseGenerator.createInstanceResponse(getResponseView(), instance);
        response.setResponseName(getCommandName());
        setResponseObject(response);
    }
}
