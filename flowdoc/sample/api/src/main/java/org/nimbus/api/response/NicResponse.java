// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.response;

import org.nimbus.api.ApiConstants;
import org.nimbus.api.BaseResponse;
import org.nimbus.serializer.Param;
import org.nimbus.serializer.SerializedName;

/**
 * One network card of an instance, nested inside {@link InstanceResponse}.
 */
public class NicResponse extends BaseResponse {

    @SerializedName(ApiConstants.ID)
    @Param(description = "id of the network card")
    private String id;

    @SerializedName(ApiConstants.NETWORK_ID)
    @Param(description = "network the card is plugged into")
    private String networkId;

    @SerializedName(ApiConstants.IP_ADDRESS)
    @Param(description = "address handed out to the card")
    private String ipAddress;

    @SerializedName(ApiConstants.MAC_ADDRESS)
    @Param(description = "hardware address of the card")
    private String macAddress;

    @SerializedName(ApiConstants.IS_DEFAULT)
    @Param(description = "true for the card that carries the default route")
    private Boolean isDefault;

    public NicResponse() {
        super(ApiConstants.NIC);
    }

    public void setId(String id) {
        this.id = id;
    }

    public void setNetworkId(String networkId) {
        this.networkId = networkId;
    }

    public void setIpAddress(String ipAddress) {
        this.ipAddress = ipAddress;
    }

    public void setMacAddress(String macAddress) {
        this.macAddress = macAddress;
    }

    public void setIsDefault(Boolean isDefault) {
        this.isDefault = isDefault;
    }
}
