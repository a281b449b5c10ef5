// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.plugins.disk.sample.api.response;

import org.nimbus.api.ApiConstants;
import org.nimbus.api.BaseResponse;
import org.nimbus.serializer.Param;
import org.nimbus.serializer.SerializedName;

/**
 * One storage provider offered by the sample disk plugin.
 */
public class DiskProviderResponse extends BaseResponse {

    @SerializedName(ApiConstants.NAME)
    @Param(description = "short name of the provider")
    private String name;

    @SerializedName(ApiConstants.DESCRIPTION)
    @Param(description = "what kind of storage the provider manages")
    private String description;

    public DiskProviderResponse() {
        super("diskprovider");
    }

    public void setName(String name) {
        this.name = name;
    }

    public void setDescription(String description) {
        this.description = description;
    }
}
