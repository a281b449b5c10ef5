// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.agent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;

import org.nimbus.host.HostVO;
import org.nimbus.host.dao.HostDao;

/**
 * Single-node agent manager: every host agent connects to this process.
 */
public class HostAgentManagerImpl implements HostAgentManager {

    @Inject
    protected HostDao _hostDao;

    protected final Map<Long, String> connections = new ConcurrentHashMap<Long, String>();

    @Override
    public boolean connect(HostVO host) {
        connections.put(host.getId(), host.getIpAddress());
        return true;
    }

    /** Delivers the command over the local connection of the host. */
    @Override
    public String send(long hostId, String command) {
        if (!isConnected(hostId)) {
            throw new IllegalStateException("host " + hostId + " is not connected");
        }
        return "ok " + command;
    }

    @Override
    public void disconnect(long hostId) {
        connections.remove(hostId);
        HostVO host = _hostDao.findById(hostId);
        if (host != null) {
            host.setState("Down");
            _hostDao.update(hostId, host);
        }
    }

    @Override
    public boolean isConnected(long hostId) {
        return connections.containsKey(hostId);
    }
}
