// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.command.user.vm;

import org.nimbus.acl.RoleType;
import org.nimbus.api.ACL;
import org.nimbus.api.ACL.AccessType;
import org.nimbus.api.APICommand;
import org.nimbus.api.ApiConstants;
import org.nimbus.api.BaseAsyncCmd;
import org.nimbus.api.Parameter;
import org.nimbus.api.response.InstanceResponse;
import org.nimbus.api.response.SuccessResponse;
import org.nimbus.vm.InstanceVO;

/**
 * Stops an instance and frees its disks.
 */
@APICommand(name = "destroyInstance", description = "Stops an instance and releases its resources.",
        responseObject = SuccessResponse.class, entityType = {InstanceVO.class},
        requestHasSensitiveInfo = false, responseHasSensitiveInfo = false)
public class DestroyInstanceCmd extends BaseAsyncCmd {

    @ACL(accessType = AccessType.OperateEntry)
    @Parameter(name = ApiConstants.ID, type = CommandType.UUID, entityType = InstanceResponse.class, required = true,
            description = "the instance to destroy")
    private Long id;

    @Parameter(name = ApiConstants.EXPUNGE, type = CommandType.BOOLEAN, authorized = {RoleType.Admin},
            description = "remove the instance at once instead of keeping it recoverable")
    private Boolean expunge;

    public Long getId() {
        return id;
    }

    public boolean getExpunge() {
        return expunge != null && expunge;
    }

    @Override
    public String getEventType() {
        return "INSTANCE.DESTROY";
    }

    @Override
    public String getEventDescription() {
        return "destroying instance " + getId();
    }

    @Override
    public void execute() {
        boolean destroyed = _instanceService.destroyInstance(getId(), getExpunge());
        SuccessResponse response = new SuccessResponse(getCommandName());
        response.setSuccess(destroyed);
        setResponseObject(response);
    }
}
