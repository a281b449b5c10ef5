// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.framework.jobs;

/**
 * Queues background jobs and tracks their status.
 */
public interface AsyncJobManager {

    /**
     * Stores the job and hands it to a worker thread.
     *
     * @return the id callers poll with
     */
    long submitAsyncJob(AsyncJobVO job);

    /** Records the final status and result text of a job. */
    void completeAsyncJob(long jobId, AsyncJobVO.Status status, String result);

    AsyncJobVO getAsyncJob(long jobId);
}
