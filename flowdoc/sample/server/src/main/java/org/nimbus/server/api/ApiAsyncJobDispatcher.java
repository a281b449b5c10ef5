// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.server.api;

import java.util.Map;

import javax.inject.Inject;

import org.nimbus.api.BaseAsyncCmd;
import org.nimbus.framework.jobs.AsyncJobDispatcher;
import org.nimbus.framework.jobs.AsyncJobManager;
import org.nimbus.framework.jobs.AsyncJobVO;

/**
 * Runs queued API commands: rebuilds the command from the job and executes it
 * through the {@link ApiDispatcher}.
 */
public class ApiAsyncJobDispatcher implements AsyncJobDispatcher {

    @Inject
    private ApiDispatcher _dispatcher;

    @Inject
    private AsyncJobManager _asyncJobMgr;

    private String name = "ApiAsyncJobDispatcher";

    @Override
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public void runJob(final AsyncJobVO job) {
        try {
            Class<?> cmdClass = Class.forName(job.getCmd());
            BaseAsyncCmd cmdObj = (BaseAsyncCmd) cmdClass.newInstance();
            Map<String, String> params = ApiServer.decodeParams(job.getCmdInfo());
            cmdObj.setJobId(job.getId());
            cmdObj.setFullUrlParams(params);
            _dispatcher.dispatch(cmdObj, params, true);
            _asyncJobMgr.completeAsyncJob(job.getId(), AsyncJobVO.Status.SUCCEEDED, String.valueOf(cmdObj.getResponseObject()));
        } catch (Exception e) {
            _asyncJobMgr.completeAsyncJob(job.getId(), AsyncJobVO.Status.FAILED, e.getMessage());
        }
    }
}
