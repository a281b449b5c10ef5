// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.response;

import org.nimbus.api.ApiConstants;
import org.nimbus.api.BaseResponse;
import org.nimbus.serializer.Param;
import org.nimbus.serializer.SerializedName;

/**
 * Shared owner fields for responses describing something an account owns.
 */
public abstract class BaseOwnedResponse extends BaseResponse {

    @SerializedName(ApiConstants.ACCOUNT)
    @Param(description = "name of the owning account")
    private String accountName;

    @SerializedName(ApiConstants.DOMAIN_ID)
    @Param(description = "id of the domain the owner belongs to")
    private String domainId;

    @SerializedName(ApiConstants.DOMAIN)
    @Param(description = "name of the domain the owner belongs to")
    private String domainName;

    protected BaseOwnedResponse(String objectName) {
        super(objectName);
    }

    public void setAccountName(String accountName) {
        this.accountName = accountName;
    }

    public void setDomainId(String domainId) {
        this.domainId = domainId;
    }

    public void setDomainName(String domainName) {
        this.domainName = domainName;
    }
}
