// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.command.user.vm;

import org.nimbus.api.ACL;
import org.nimbus.api.ACL.AccessType;
import org.nimbus.api.APICommand;
import org.nimbus.api.ApiConstants;
import org.nimbus.api.BaseAsyncCmd;
import org.nimbus.api.Parameter;
import org.nimbus.api.response.InstanceResponse;
import org.nimbus.vm.InstanceVO;

/**
 * Powers on a stopped instance.
 */
@APICommand(name = "startInstance", description = "Powers on a stopped instance.", responseObject = InstanceResponse.class,
        entityType = {InstanceVO.class}, requestHasSensitiveInfo = false, responseHasSensitiveInfo = true)
public class StartInstanceCmd extends BaseAsyncCmd {

    @ACL(accessType = AccessType.OperateEntry)
    @Parameter(name = ApiConstants.ID, type = CommandType.UUID, entityType = InstanceResponse.class, required = true,
            description = "the instance to start")
    private Long id;

    public Long getId() {
        return id;
    }

    @Override
    public String getEventType() {
        return "INSTANCE.START";
    }

    @Override
    public String getEventDescription() {
        return "starting instance " + getId();
    }

    @Override
    public Long getInstanceId() {
        return getId();
    }

    @Override
    public void execute() {
        InstanceVO instance = _instanceService.startInstance(getId());
        InstanceResponse response = _responseGenerator.createInstanceResponse(getResponseView(), instance);
        response.setResponseName(getCommandName());
        setResponseObject(response);
    }
}
