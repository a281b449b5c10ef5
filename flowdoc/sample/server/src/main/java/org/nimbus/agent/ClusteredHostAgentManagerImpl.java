// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.agent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Agent manager for a cluster of management servers: commands for hosts owned by
 * a peer are forwarded to that peer.
 */
public class ClusteredHostAgentManagerImpl extends HostAgentManagerImpl {

    private final Map<Long, String> peerOwners = new ConcurrentHashMap<Long, String>();

    public void assignHostToPeer(long hostId, String peerAddress) {
        peerOwners.put(hostId, peerAddress);
    }

    /** Local hosts are handled by the parent; others go to the owning peer. */
    @Override
    public String send(long hostId, String command) {
        if (isConnected(hostId)) {
            return super.send(hostId, command);
        }
        String peer = peerOwners.get(hostId);
        if (peer == null) {
            throw new IllegalStateException("no management server owns host " + hostId);
        }
        return forwardToPeer(peer, hostId, command);
    }

    private String forwardToPeer(String peer, long hostId, String command) {
        return "forwarded to " + peer + " for host " + hostId + ": " + command;
    }
}
