// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.command.user.vm;

import org.nimbus.api.ACL;
import org.nimbus.api.ACL.AccessType;
import org.nimbus.api.ApiConstants;
import org.nimbus.api.BaseAsyncCmd;
import org.nimbus.api.Parameter;
import org.nimbus.api.response.InstanceResponse;
import org.nimbus.vm.InstanceVO;

/**
 * Template for simple power actions on one instance: the subclass only says which
 * service call to make, this class builds the answer.
 */
public abstract class BaseInstancePowerCmd extends BaseAsyncCmd {

    @ACL(accessType = AccessType.OperateEntry)
    @Parameter(name = ApiConstants.ID, type = CommandType.UUID, entityType = InstanceResponse.class, required = true,
            description = "the instance to act on")
    private Long id;

    public Long getId() {
        return id;
    }

    /** Performs the power action and returns the instance afterwards. */
    protected abstract InstanceVO applyPowerAction();

    @Override
    public void execute() {
        InstanceVO instance = applyPowerAction();
        InstanceResponse response = _responseGenerator.createInstanceResponse(getResponseView(), instance);
        response.setResponseName(getCommandName());
        setResponseObject(response);
    }
}
