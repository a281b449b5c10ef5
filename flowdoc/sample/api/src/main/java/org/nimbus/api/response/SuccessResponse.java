// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.response;

import org.nimbus.api.BaseResponse;
import org.nimbus.serializer.Param;
import org.nimbus.serializer.SerializedName;

/**
 * Plain yes/no answer with an optional message.
 */
public class SuccessResponse extends BaseResponse {

    @SerializedName("success")
    @Param(description = "true when the operation worked")
    private Boolean success = true;

    @SerializedName("displaytext")
    @Param(description = "extra text explaining the result")
    private String displayText;

    public SuccessResponse() {
    }

    public SuccessResponse(String responseName) {
        setResponseName(responseName);
    }

    public Boolean getSuccess() {
        return success;
    }

    public void setSuccess(Boolean success) {
        this.success = success;
    }

    public void setDisplayText(String displayText) {
        this.displayText = displayText;
    }
}
