// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.command.admin.vm;

import org.nimbus.acl.RoleType;
import org.nimbus.api.APICommand;
import org.nimbus.api.AdminCmd;
import org.nimbus.api.ApiConstants;
import org.nimbus.api.Parameter;
import org.nimbus.api.ResponseObject.ResponseView;
import org.nimbus.api.command.user.vm.DeployInstanceCmd;
import org.nimbus.api.response.HostResponse;
import org.nimbus.api.response.InstanceResponse;
import org.nimbus.vm.InstanceVO;

/**
 * Administrator flavour of deployInstance: may pin the instance to a host and
 * gets the full response view.
 */
@APICommand(name = "deployInstance", description = "Creates and starts a new virtual instance.",
        responseObject = InstanceResponse.class, responseView = ResponseView.Full, entityType = {InstanceVO.class},
        requestHasSensitiveInfo = false, responseHasSensitiveInfo = true, authorized = {RoleType.Admin})
public class DeployInstanceCmdByAdmin extends DeployInstanceCmd implements AdminCmd {

    @Parameter(name = ApiConstants.HOST_ID, type = CommandType.UUID, entityType = HostResponse.class,
            description = "host to start the instance on, skipping the planner")
    private Long hostId;

    @Override
    public Long getHostId() {
        return hostId;
    }
}
