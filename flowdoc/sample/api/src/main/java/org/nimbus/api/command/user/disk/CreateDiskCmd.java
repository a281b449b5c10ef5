// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.command.user.disk;

import org.nimbus.api.APICommand;
import org.nimbus.api.ApiConstants;
import org.nimbus.api.BaseAsyncCreateCmd;
import org.nimbus.api.Parameter;
import org.nimbus.api.response.DiskResponse;
import org.nimbus.api.response.ZoneResponse;
import org.nimbus.storage.DiskVO;

/**
 * Creates an empty data disk that can later be attached to an instance.
 */
@APICommand(name = "createDisk", description = "Creates an empty data disk.", responseObject = DiskResponse.class,
        entityType = {DiskVO.class}, requestHasSensitiveInfo = false, responseHasSensitiveInfo = false)
public class CreateDiskCmd extends BaseAsyncCreateCmd {

    @Parameter(name = ApiConstants.NAME, type = CommandType.STRING, required = true, description = "name of the new disk")
    private String name;

    @Parameter(name = ApiConstants.ZONE_ID, type = CommandType.UUID, entityType = ZoneResponse.class, required = true,
            description = "zone to create the disk in")
    private Long zoneId;

    @Parameter(name = ApiConstants.DISK_SIZE, type = CommandType.LONG, required = true, description = "size in GB")
    private Long size;

    public String getName() {
        return name;
    }

    public Long getZoneId() {
        return zoneId;
    }

    public Long getSize() {
        return size;
    }

    @Override
    public String getEventType() {
        return "DISK.CREATE";
    }

    @Override
    public String getEventDescription() {
        return "creating disk " + getName();
    }

    @Override
    public void create() {
        DiskVO disk = _diskService.allocateDisk(this);
        setEntityId(disk.getId());
        setEntityUuid(disk.getUuid());
    }

    @Override
    public void execute() {
        DiskVO disk = _diskService.createDisk(this);
        DiskResponse response = _responseGenerator.createDiskResponse(disk);
        response.setResponseName(getCommandName());
        setResponseObject(response);
    }
}
