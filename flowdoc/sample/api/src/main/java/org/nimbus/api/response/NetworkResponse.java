// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.response;

import org.nimbus.api.ApiConstants;
import org.nimbus.serializer.Param;
import org.nimbus.serializer.SerializedName;

/**
 * A guest network.
 */
public class NetworkResponse extends BaseOwnedResponse {

    @SerializedName(ApiConstants.ID)
    @Param(description = "id of the network")
    private String id;

    @SerializedName(ApiConstants.NAME)
    @Param(description = "name of the network")
    private String name;

    @SerializedName(ApiConstants.CIDR)
    @Param(description = "address range of the network")
    private String cidr;

    @SerializedName(ApiConstants.ZONE_ID)
    @Param(description = "zone the network is in")
    private String zoneId;

    @SerializedName(ApiConstants.TYPE)
    @Param(description = "Isolated or Shared")
    private String type;

    @SerializedName(ApiConstants.IS_DEFAULT)
    @Param(description = "true when new instances join this network by default")
    private Boolean isDefault;

    public NetworkResponse() {
        super("network");
    }

    public void setId(String id) {
        this.id = id;
    }

    public void setName(String name) {
        this.name = name;
    }

    public void setCidr(String cidr) {
        this.cidr = cidr;
    }

    public void setZoneId(String zoneId) {
        this.zoneId = zoneId;
    }

    public void setType(String type) {
        this.type = type;
    }

    public void setIsDefault(Boolean isDefault) {
        this.isDefault = isDefault;
    }
}
