// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.network;

import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.nimbus.api.command.user.network.ListNetworksCmd;
import org.nimbus.network.dao.NetworkDao;

/**
 * Guest network bookkeeping.
 */
public class NetworkManagerImpl implements NetworkService {

    private static final String DEFAULT_CIDR = "10.1.0.0/16";

    @Inject
    private NetworkDao _networkDao;

    @Override
    public List<NetworkVO> listNetworks(ListNetworksCmd cmd) {
        List<NetworkVO> networks = cmd.getZoneId() == null ? _networkDao.listAll() : _networkDao.listByZone(cmd.getZoneId());
        return networks.stream()
                .filter(n -> cmd.getId() == null || n.getId() == cmd.getId())
                .filter(n -> cmd.getType() == null || cmd.getType().equalsIgnoreCase(n.getType()))
                .collect(Collectors.toList());
    }

    /** The zone's default network, created on first use. */
    @Override
    public NetworkVO getDefaultNetwork(long zoneId) {
        NetworkVO network = _networkDao.findDefaultForZone(zoneId);
        return network != null ? network : createDefaultNetwork(zoneId);
    }

    @Override
    public NetworkVO createDefaultNetwork(long zoneId) {
        return _networkDao.persist(new NetworkVO("default-" + zoneId, DEFAULT_CIDR, zoneId, "Shared", true));
    }
}
