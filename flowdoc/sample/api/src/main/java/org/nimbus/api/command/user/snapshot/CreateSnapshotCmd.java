// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.command.user.snapshot;

import org.nimbus.api.ACL;
import org.nimbus.api.APICommand;
import org.nimbus.api.ApiConstants;
import org.nimbus.api.BaseAsyncCreateCmd;
import org.nimbus.api.Parameter;
import org.nimbus.api.response.DiskResponse;
import org.nimbus.api.response.SnapshotResponse;
import org.nimbus.storage.SnapshotVO;

/**
 * Takes a point-in-time copy of a disk.
 */
@APICommand(name = "createSnapshot", description = "Takes a snapshot of a disk.", responseObject = SnapshotResponse.class,
        entityType = {SnapshotVO.class}, requestHasSensitiveInfo = false, responseHasSensitiveInfo = false)
public class CreateSnapshotCmd extends BaseAsyncCreateCmd {

    @ACL
    @Parameter(name = ApiConstants.DISK_ID, type = CommandType.UUID, entityType = DiskResponse.class, required = true,
            description = "the disk to copy")
    private Long diskId;

    @Parameter(name = ApiConstants.NAME, type = CommandType.STRING, description = "name of the snapshot")
    private String name;

    public Long getDiskId() {
        return diskId;
    }

    public String getName() {
        return name == null ? "snap-" + diskId : name;
    }

    @Override
    public String getEventType() {
        return "SNAPSHOT.CREATE";
    }

    @Override
    public String getEventDescription() {
        return "snapshot of disk " + getDiskId();
    }

    @Override
    public void create() {
        SnapshotVO snapshot = _diskService.allocateSnapshot(getDiskId(), getName());
        setEntityId(snapshot.getId());
        setEntityUuid(snapshot.getUuid());
    }

    @Override
    public void execute() {
        SnapshotVO snapshot = _diskService.takeSnapshot(getEntityId());
        SnapshotResponse response = _responseGenerator.createSnapshotResponse(snapshot);
        response.setResponseName(getCommandName());
        setResponseObject(response);
    }
}
