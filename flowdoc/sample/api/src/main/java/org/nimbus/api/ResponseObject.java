// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api;

/**
 * Anything that can be serialised back to an API caller.
 */
public interface ResponseObject {

    /** How much detail a response may carry for the calling role. */
    enum ResponseView {
        Full,
        Restricted
    }

    String getObjectName();

    void setObjectName(String name);

    String getResponseName();

    void setResponseName(String name);

    String getJobId();

    void setJobId(String jobId);
}
