// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api;

import org.nimbus.serializer.Param;
import org.nimbus.serializer.SerializedName;

/**
 * Fields every response carries, plus the bookkeeping names used by the serializer.
 */
public abstract class BaseResponse implements ResponseObject {

    private transient String responseName;
    private transient String objectName;

    @SerializedName(ApiConstants.JOB_ID)
    @Param(description = "id of the background job that produced this object, if any")
    protected String jobId;

    @SerializedName(ApiConstants.JOB_STATUS)
    @Param(description = "status of that background job")
    protected Integer jobStatus;

    public BaseResponse() {
    }

    public BaseResponse(String objectName) {
        this.objectName = objectName;
    }

    @Override
    public String getObjectName() {
        return objectName;
    }

    @Override
    public void setObjectName(String objectName) {
        this.objectName = objectName;
    }

    @Override
    public String getResponseName() {
        return responseName;
    }

    @Override
    public void setResponseName(String responseName) {
        this.responseName = responseName;
    }

    @Override
    public String getJobId() {
        return jobId;
    }

    @Override
    public void setJobId(String jobId) {
        this.jobId = jobId;
    }

    public void setJobStatus(Integer jobStatus) {
        this.jobStatus = jobStatus;
    }
}
