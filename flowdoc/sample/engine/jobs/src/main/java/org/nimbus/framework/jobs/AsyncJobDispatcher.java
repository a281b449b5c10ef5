// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.framework.jobs;

/**
 * Knows how to run one kind of background job. Jobs name their dispatcher.
 */
public interface AsyncJobDispatcher {

    String getName();

    /** Runs the job on the calling worker thread and records the outcome. */
    void runJob(AsyncJobVO job);
}
