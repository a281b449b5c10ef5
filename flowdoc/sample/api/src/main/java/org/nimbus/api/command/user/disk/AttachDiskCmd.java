// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.command.user.disk;

import javax.inject.Inject;

import org.nimbus.api.ACL;
import org.nimbus.api.APICommand;
import org.nimbus.api.ApiConstants;
import org.nimbus.api.BaseAsyncCmd;
import org.nimbus.api.Parameter;
import org.nimbus.api.response.DiskResponse;
import org.nimbus.api.response.InstanceResponse;
import org.nimbus.storage.DiskService;
import org.nimbus.storage.DiskVO;

/**
 * Plugs a data disk into an instance. Uses its own injected service field rather
 * than the one BaseCmd provides.
 */
@APICommand(name = "attachDisk", description = "Attaches a data disk to an instance.", responseObject = DiskResponse.class,
        entityType = {DiskVO.class}, requestHasSensitiveInfo = false, responseHasSensitiveInfo = false)
public class AttachDiskCmd extends BaseAsyncCmd {

    @Inject
    private DiskService diskService;

    @ACL
    @Parameter(name = ApiConstants.ID, type = CommandType.UUID, entityType = DiskResponse.class, required = true,
            description = "the disk to attach")
    private Long id;

    @ACL
    @Parameter(name = ApiConstants.INSTANCE_ID, type = CommandType.UUID, entityType = InstanceResponse.class,
            required = true, description = "the instance that receives the disk")
    private Long instanceId;

    @Parameter(name = ApiConstants.DEVICE_ID, type = CommandType.LONG, description = "slot number; next free slot when omitted")
    private Long deviceId;

    public Long getId() {
        return id;
    }

    public Long getInstanceId() {
        return instanceId;
    }

    public Long getDeviceId() {
        return deviceId;
    }

    @Override
    public String getEventType() {
        return "DISK.ATTACH";
    }

    @Override
    public String getEventDescription() {
        return "attaching disk " + getId() + " to instance " + getInstanceId();
    }

    @Override
    public void execute() {
        DiskVO disk = diskService.attachDisk(getId(), getInstanceId(), getDeviceId());
        DiskResponse response = _responseGenerator.createDiskResponse(disk);
        response.setResponseName(getCommandName());
        setResponseObject(response);
    }
}
