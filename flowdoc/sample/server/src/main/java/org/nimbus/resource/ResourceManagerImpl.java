// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.resource;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.nimbus.agent.HostAgentManager;
import org.nimbus.api.command.admin.host.AddHostCmd;
import org.nimbus.api.command.admin.host.ListHostsCmd;
import org.nimbus.dc.ZoneService;
import org.nimbus.dc.ZoneVO;
import org.nimbus.host.HostVO;
import org.nimbus.host.dao.HostDao;

/**
 * Host inventory and agent hand-off.
 */
public class ResourceManagerImpl implements ResourceService {

    @Inject
    private HostDao _hostDao;
    @Inject
    private ZoneService _zoneService;
    @Inject
    private HostAgentManager _agentMgr;

    @Override
    public List<HostVO> listHosts(ListHostsCmd cmd) {
        List<HostVO> hosts = cmd.getZoneId() == null ? _hostDao.listAll() : _hostDao.listByZone(cmd.getZoneId());
        return hosts.stream()
                .filter(h -> cmd.getId() == null || h.getId() == cmd.getId())
                .filter(h -> cmd.getState() == null || cmd.getState().equalsIgnoreCase(h.getState()))
                .collect(Collectors.toList());
    }

    /**
     * Stores the host with its tags and connects its agent; the host is Up once connected.
     */
    @Override
    public HostVO addHost(AddHostCmd cmd) {
        ZoneVO zone = _zoneService.getZone(cmd.getZoneId());
        String address = URI.create(cmd.getUrl()).getHost();
        HostVO host = new HostVO(address, address, zone.getId(), cmd.getHypervisor());
        if (cmd.getHostTags() != null) {
            host.setTags(cmd.getHostTags().stream().map(String::trim).toArray(String[]::new));
        }
        _hostDao.persist(host);
        if (_agentMgr.connect(host)) {
            host.setState("Up");
            _hostDao.update(host.getId(), host);
        }
        return host;
    }

    @Override
    public String getHostToken(long hostId) {
        HostVO host = _hostDao.findById(hostId);
        if (host == null) {
            throw new IllegalArgumentException("unknown host " + hostId);
        }
        return UUID.nameUUIDFromBytes((host.getUuid() + System.nanoTime()).getBytes()).toString();
    }

    @Override
    public HostVO findUpHost(long zoneId) {
        List<HostVO> up = _hostDao.listUpHosts(zoneId);
        return up.isEmpty() ? null : up.get(0);
    }
}
