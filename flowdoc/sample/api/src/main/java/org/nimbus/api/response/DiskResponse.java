// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.response;

import org.nimbus.api.ApiConstants;
import org.nimbus.serializer.Param;
import org.nimbus.serializer.SerializedName;

/**
 * What callers see about a block disk.
 */
public class DiskResponse extends BaseOwnedResponse {

    @SerializedName(ApiConstants.ID)
    @Param(description = "id of the disk")
    private String id;

    @SerializedName(ApiConstants.NAME)
    @Param(description = "name of the disk")
    private String name;

    @SerializedName(ApiConstants.DISK_SIZE)
    @Param(description = "size in gigabytes")
    private Long size;

    @SerializedName(ApiConstants.TYPE)
    @Param(description = "ROOT for boot disks, DATA otherwise")
    private String type;

    @SerializedName(ApiConstants.STATE)
    @Param(description = "lifecycle state of the disk")
    private String state;

    @SerializedName(ApiConstants.INSTANCE_ID)
    @Param(description = "instance the disk is attached to, if any")
    private String instanceId;

    @SerializedName(ApiConstants.DEVICE_ID)
    @Param(description = "slot number on that instance")
    private Long deviceId;

    @SerializedName(ApiConstants.ZONE_ID)
    @Param(description = "zone holding the disk")
    private String zoneId;

    public DiskResponse() {
        super("disk");
    }

    public void setId(String id) {
        this.id = id;
    }

    public void setName(String name) {
        this.name = name;
    }

    public void setSize(Long size) {
        this.size = size;
    }

    public void setType(String type) {
        this.type = type;
    }

    public void setState(String state) {
        this.state = state;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public void setDeviceId(Long deviceId) {
        this.deviceId = deviceId;
    }

    public void setZoneId(String zoneId) {
        this.zoneId = zoneId;
    }
}
