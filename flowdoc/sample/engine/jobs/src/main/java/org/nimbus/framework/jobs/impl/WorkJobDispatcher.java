// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.framework.jobs.impl;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;

import org.nimbus.framework.jobs.AsyncJobDispatcher;
import org.nimbus.framework.jobs.AsyncJobManager;
import org.nimbus.framework.jobs.AsyncJobVO;

/**
 * Runs internal work items (not API commands) that other managers queue by name.
 */
public class WorkJobDispatcher implements AsyncJobDispatcher {

    public interface WorkHandler {
        String handle(String payload);
    }

    @Inject
    private AsyncJobManager _asyncJobMgr;

    private final Map<String, WorkHandler> handlers = new ConcurrentHashMap<String, WorkHandler>();
    private String name = "WorkJobDispatcher";

    public void registerHandler(String workType, WorkHandler handler) {
        handlers.put(workType, handler);
    }

    @Override
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public void runJob(AsyncJobVO job) {
        WorkHandler handler = handlers.get(job.getCmd());
        if (handler == null) {
            _asyncJobMgr.completeAsyncJob(job.getId(), AsyncJobVO.Status.FAILED, "no handler for " + job.getCmd());
            return;
        }
        String outcome = handler.handle(job.getCmdInfo());
        _asyncJobMgr.completeAsyncJob(job.getId(), AsyncJobVO.Status.SUCCEEDED, outcome);
    }
}
