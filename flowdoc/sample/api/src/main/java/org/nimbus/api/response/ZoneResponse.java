// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.response;

import org.nimbus.api.ApiConstants;
import org.nimbus.api.BaseResponse;
import org.nimbus.serializer.Param;
import org.nimbus.serializer.SerializedName;

/**
 * A zone: one independent site with its own hosts and networks.
 */
public class ZoneResponse extends BaseResponse {

    @SerializedName(ApiConstants.ID)
    @Param(description = "id of the zone")
    private String id;

    @SerializedName(ApiConstants.NAME)
    @Param(description = "name of the zone")
    private String name;

    @SerializedName(ApiConstants.DESCRIPTION)
    @Param(description = "free text the operator attached to the zone")
    private String description;

    @SerializedName(ApiConstants.NETWORK_TYPE)
    @Param(description = "Basic or Advanced networking")
    private String networkType;

    @SerializedName(ApiConstants.ALLOCATION_STATE)
    @Param(description = "Enabled when new instances may be placed here")
    private String allocationState;

    public ZoneResponse() {
        super("zone");
    }

    public void setId(String id) {
        this.id = id;
    }

    public void setName(String name) {
        this.name = name;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public void setNetworkType(String networkType) {
        this.networkType = networkType;
    }

    public void setAllocationState(String allocationState) {
        this.allocationState = allocationState;
    }
}
