// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api;

/**
 * A command that runs in the background: the caller gets a job id at once and
 * polls for the result.
 */
public abstract class BaseAsyncCmd extends BaseCmd {

    private Long jobId;
    private Object job;

    /** Event type recorded when the job starts and ends. */
    public abstract String getEventType();

    /** Human readable line for the event log. */
    public abstract String getEventDescription();

    /** Kind of entity the job works on, or "None". */
    public String getInstanceType() {
        return "None";
    }

    public Long getInstanceId() {
        return null;
    }

    public Long getJobId() {
        return jobId;
    }

    public void setJobId(Long jobId) {
        this.jobId = jobId;
    }

    public Object getJob() {
        return job;
    }

    public void setJob(Object job) {
        this.job = job;
    }
}
