// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.command.user.vm;

import org.nimbus.acl.RoleType;
import org.nimbus.api.APICommand;
import org.nimbus.api.ResponseObject.ResponseView;
import org.nimbus.api.response.InstanceResponse;
import org.nimbus.vm.InstanceVO;

/**
 * Creates a new instance and boots it. The row is reserved synchronously so the
 * caller learns the id before the background job finishes.
 */
@APICommand(name = "deployInstance", description = "Creates and starts a new virtual instance.",
        responseObject = InstanceResponse.class, responseView = ResponseView.Restricted, entityType = {InstanceVO.class},
        requestHasSensitiveInfo = false, responseHasSensitiveInfo = true,
        authorized = {RoleType.Admin, RoleType.DomainAdmin, RoleType.User})
public class DeployInstanceCmd extends BaseDeployInstanceCmd {

    @Override
    public void create() {
        InstanceVO instance = _instanceService.allocateInstance(this);
        setEntityId(instance.getId());
        setEntityUuid(instance.getUuid());
    }

    @Override
    public void execute() {
        InstanceVO instance = _instanceService.startDeployedInstance(this);
        InstanceResponse response = _responseGenerator.createInstanceResponse(getResponseView(), instance);
        response.setResponseName(getCommandName());
        setResponseObject(response);
    }
}
