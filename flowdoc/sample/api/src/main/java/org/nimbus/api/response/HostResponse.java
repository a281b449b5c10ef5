// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.response;

import java.util.List;

import org.nimbus.api.ApiConstants;
import org.nimbus.api.BaseResponse;
import org.nimbus.serializer.Param;
import org.nimbus.serializer.SerializedName;

/**
 * A hypervisor host as seen by administrators.
 */
public class HostResponse extends BaseResponse {

    @SerializedName(ApiConstants.ID)
    @Param(description = "id of the host")
    private String id;

    @SerializedName(ApiConstants.NAME)
    @Param(description = "name of the host")
    private String name;

    @SerializedName(ApiConstants.IP_ADDRESS)
    @Param(description = "management address of the host")
    private String ipAddress;

    @SerializedName(ApiConstants.ZONE_ID)
    @Param(description = "zone the host belongs to")
    private String zoneId;

    @SerializedName(ApiConstants.STATE)
    @Param(description = "Up, Down or Connecting")
    private String state;

    @SerializedName(ApiConstants.HYPERVISOR)
    @Param(description = "hypervisor family running on the host")
    private String hypervisor;

    @SerializedName(ApiConstants.HOST_TAGS)
    @Param(description = "labels used to steer placement", since = "1.1")
    private List<String> tags;

    public HostResponse() {
        super("host");
    }

    public void setId(String id) {
        this.id = id;
    }

    public void setName(String name) {
        this.name = name;
    }

    public void setIpAddress(String ipAddress) {
        this.ipAddress = ipAddress;
    }

    public void setZoneId(String zoneId) {
        this.zoneId = zoneId;
    }

    public void setState(String state) {
        this.state = state;
    }

    public void setHypervisor(String hypervisor) {
        this.hypervisor = hypervisor;
    }

    public void setTags(List<String> tags) {
        this.tags = tags;
    }
}
