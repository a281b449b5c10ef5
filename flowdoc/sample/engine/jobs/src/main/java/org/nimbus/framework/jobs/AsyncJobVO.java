// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.framework.jobs;

import java.util.Date;

/**
 * One background job: which command to run, its serialised parameters and the outcome.
 */
public class AsyncJobVO {

    public enum Status {
        IN_PROGRESS, SUCCEEDED, FAILED
    }

    private long id;
    private final String cmd;
    private final String cmdInfo;
    private final String instanceType;
    private final Long instanceId;
    private String dispatcher;
    private Status status = Status.IN_PROGRESS;
    private String result;
    private final Date created = new Date();

    public AsyncJobVO(String cmd, String cmdInfo, String instanceType, Long instanceId) {
        this.cmd = cmd;
        this.cmdInfo = cmdInfo;
        this.instanceType = instanceType;
        this.instanceId = instanceId;
    }

    public long getId() {
        return id;
    }

    public void setId(long id) {
        this.id = id;
    }

    public String getCmd() {
        return cmd;
    }

    public String getCmdInfo() {
        return cmdInfo;
    }

    public String getInstanceType() {
        return instanceType;
    }

    public Long getInstanceId() {
        return instanceId;
    }

    public String getDispatcher() {
        return dispatcher;
    }

    public void setDispatcher(String dispatcher) {
        this.dispatcher = dispatcher;
    }

    public Status getStatus() {
        return status;
    }

    public void setStatus(Status status) {
        this.status = status;
    }

    public String getResult() {
        return result;
    }

    public void setResult(String result) {
        this.result = result;
    }

    public Date getCreated() {
        return created;
    }
}
