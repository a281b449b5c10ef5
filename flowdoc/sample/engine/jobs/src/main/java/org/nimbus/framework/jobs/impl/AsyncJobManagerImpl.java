// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.framework.jobs.impl;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import javax.inject.Inject;

import org.nimbus.framework.jobs.AsyncJobDispatcher;
import org.nimbus.framework.jobs.AsyncJobManager;
import org.nimbus.framework.jobs.AsyncJobVO;
import org.nimbus.managed.context.ManagedContextRunnable;

/**
 * Thread-pool based job manager. Every job is executed by the dispatcher it names.
 */
public class AsyncJobManagerImpl implements AsyncJobManager {

    @Inject
    List<AsyncJobDispatcher> jobDispatchers;

    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<Long, AsyncJobVO> jobs = new ConcurrentHashMap<Long, AsyncJobVO>();
    private final AtomicLong jobSequence = new AtomicLong();

    /**
     * Gives the job an id, remembers it and schedules it on the pool.
     */
    @Override
    public long submitAsyncJob(AsyncJobVO job) {
        job.setId(jobSequence.incrementAndGet());
        jobs.put(job.getId(), job);
        scheduleExecution(job);
        return job.getId();
    }

    @Override
    public void completeAsyncJob(long jobId, AsyncJobVO.Status status, String result) {
        AsyncJobVO job = jobs.get(jobId);
        if (job != null) {
            job.setStatus(status);
            job.setResult(result);
        }
    }

    @Override
    public AsyncJobVO getAsyncJob(long jobId) {
        return jobs.get(jobId);
    }

    private void scheduleExecution(final AsyncJobVO job) {
        executor.submit(getExecutorRunnable(job));
    }

    private Runnable getExecutorRunnable(final AsyncJobVO job) {
        return new ManagedContextRunnable() {
            @Override
            protected void runInContext() {
                AsyncJobDispatcher jobDispatcher = getDispatcher(job.getDispatcher());
                jobDispatcher.runJob(job);
            }
        };
    }

    private AsyncJobDispatcher getDispatcher(String dispatcherName) {
        for (AsyncJobDispatcher candidate : jobDispatchers) {
            if (candidate.getName().equals(dispatcherName)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no job dispatcher called " + dispatcherName);
    }
}
