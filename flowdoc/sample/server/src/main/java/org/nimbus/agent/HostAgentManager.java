// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.agent;

import org.nimbus.host.HostVO;

/**
 * Talks to the agents running on hypervisor hosts.
 */
public interface HostAgentManager {

    /** Opens the agent connection of a host. */
    boolean connect(HostVO host);

    /** Sends a command line to a host agent and returns its answer. */
    String send(long hostId, String command);

    void disconnect(long hostId);

    boolean isConnected(long hostId);
}
