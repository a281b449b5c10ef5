// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.command.user.vm;

import org.nimbus.api.APICommand;
import org.nimbus.api.response.InstanceResponse;
import org.nimbus.vm.InstanceVO;

/**
 * Restarts a running instance. The work itself is done by the inherited execute().
 */
@APICommand(name = "rebootInstance", description = "Restarts a running instance.", responseObject = InstanceResponse.class,
        since = "1.2", entityType = {InstanceVO.class}, requestHasSensitiveInfo = false, responseHasSensitiveInfo = true)
public class RebootInstanceCmd extends BaseInstancePowerCmd {

    @Override
    protected InstanceVO applyPowerAction() {
        return _instanceService.rebootInstance(getId());
    }

    @Override
    public String getEventType() {
        return "INSTANCE.REBOOT";
    }

    @Override
    public String getEventDescription() {
        return "rebooting instance " + getId();
    }
}
