// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.command.user.disk;

import java.util.ArrayList;
import java.util.List;

import org.nimbus.api.APICommand;
import org.nimbus.api.ApiConstants;
import org.nimbus.api.BaseListAccountResourcesCmd;
import org.nimbus.api.Parameter;
import org.nimbus.api.response.DiskResponse;
import org.nimbus.api.response.InstanceResponse;
import org.nimbus.api.response.ListResponse;
import org.nimbus.api.response.ZoneResponse;
import org.nimbus.storage.DiskVO;

/**
 * Lists disks, optionally only those of one instance.
 */
@APICommand(name = "listDisks", description = "Lists block disks.", responseObject = DiskResponse.class,
        requestHasSensitiveInfo = false, responseHasSensitiveInfo = false)
public class ListDisksCmd extends BaseListAccountResourcesCmd {

    @Parameter(name = ApiConstants.ID, type = CommandType.UUID, entityType = DiskResponse.class, description = "one disk")
    private Long id;

    @Parameter(name = ApiConstants.INSTANCE_ID, type = CommandType.UUID, entityType = InstanceResponse.class,
            description = "only disks attached to this instance")
    private Long instanceId;

    @Parameter(name = ApiConstants.ZONE_ID, type = CommandType.UUID, entityType = ZoneResponse.class,
            description = "only disks in this zone")
    private Long zoneId;

    @Parameter(name = ApiConstants.TYPE, type = CommandType.STRING, description = "ROOT or DATA")
    private String type;

    public Long getId() {
        return id;
    }

    public Long getInstanceId() {
        return instanceId;
    }

    public Long getZoneId() {
        return zoneId;
    }

    public String getType() {
        return type;
    }

    @Override
    public void execute() {
        List<DiskResponse> rows = new ArrayList<DiskResponse>();
        for (DiskVO disk : _diskService.listDisks(this)) {
            rows.add(_responseGenerator.createDiskResponse(disk));
        }
        ListResponse<DiskResponse> response = new ListResponse<DiskResponse>();
        response.setResponses(rows);
        response.setResponseName(getCommandName());
        setResponseObject(response);
    }
}
