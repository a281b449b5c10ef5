// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.response;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.nimbus.api.ApiConstants;
import org.nimbus.serializer.Param;
import org.nimbus.serializer.SerializedName;

/**
 * What callers see about a virtual instance.
 */
public class InstanceResponse extends BaseOwnedResponse {

    @SerializedName(ApiConstants.ID)
    @Param(description = "id of the instance")
    private String id;

    @SerializedName(ApiConstants.NAME)
    @Param(description = "short name of the instance")
    private String name;

    @SerializedName(ApiConstants.DISPLAY_NAME)
    @Param(description = "friendly label shown in the portal")
    private String displayName;

    @SerializedName(ApiConstants.STATE)
    @Param(description = "power state, for example Running or Stopped")
    private String state;

    @SerializedName(ApiConstants.ZONE_ID)
    @Param(description = "zone the instance lives in")
    private String zoneId;

    @SerializedName(ApiConstants.ZONE_NAME)
    @Param(description = "name of that zone")
    private String zoneName;

    @SerializedName(ApiConstants.HOST_ID)
    @Param(description = "host currently running the instance; only in the full view")
    private String hostId;

    @SerializedName(ApiConstants.IMAGE_ID)
    @Param(description = "image the instance booted from")
    private String imageId;

    @SerializedName(ApiConstants.OFFERING_ID)
    @Param(description = "size offering of the instance")
    private String offeringId;

    @SerializedName(ApiConstants.CREATED)
    @Param(description = "when the instance was first requested")
    private Date created;

    @SerializedName("nics")
    @Param(description = "network cards attached to the instance", responseObject = NicResponse.class)
    private List<NicResponse> nics = new ArrayList<NicResponse>();

    public InstanceResponse() {
        super("instance");
    }

    public void setId(String id) {
        this.id = id;
    }

    public void setName(String name) {
        this.name = name;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public void setState(String state) {
        this.state = state;
    }

    public void setZoneId(String zoneId) {
        this.zoneId = zoneId;
    }

    public void setZoneName(String zoneName) {
        this.zoneName = zoneName;
    }

    public void setHostId(String hostId) {
        this.hostId = hostId;
    }

    public void setImageId(String imageId) {
        this.imageId = imageId;
    }

    public void setOfferingId(String offeringId) {
        this.offeringId = offeringId;
    }

    public void setCreated(Date created) {
        this.created = created;
    }

    public void addNic(NicResponse nic) {
        nics.add(nic);
    }
}
