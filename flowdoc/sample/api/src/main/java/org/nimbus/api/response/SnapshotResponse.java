// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.response;

import java.util.Date;

import org.nimbus.api.ApiConstants;
import org.nimbus.serializer.Param;
import org.nimbus.serializer.SerializedName;

/**
 * A point-in-time copy of a disk.
 */
public class SnapshotResponse extends BaseOwnedResponse {

    @SerializedName(ApiConstants.ID)
    @Param(description = "id of the snapshot")
    private String id;

    @SerializedName(ApiConstants.NAME)
    @Param(description = "name of the snapshot")
    private String name;

    @SerializedName(ApiConstants.DISK_ID)
    @Param(description = "disk the snapshot was taken from")
    private String diskId;

    @SerializedName(ApiConstants.STATE)
    @Param(description = "Allocated, BackingUp or BackedUp")
    private String state;

    @SerializedName(ApiConstants.CREATED)
    @Param(description = "when the copy was requested")
    private Date created;

    public SnapshotResponse() {
        super("snapshot");
    }

    public void setId(String id) {
        this.id = id;
    }

    public void setName(String name) {
        this.name = name;
    }

    public void setDiskId(String diskId) {
        this.diskId = diskId;
    }

    public void setState(String state) {
        this.state = state;
    }

    public void setCreated(Date created) {
        this.created = created;
    }
}
