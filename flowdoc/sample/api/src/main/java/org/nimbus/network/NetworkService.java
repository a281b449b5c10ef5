// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.network;

import java.util.List;

import org.nimbus.api.command.user.network.ListNetworksCmd;

/**
 * Guest networks that instances are plugged into.
 */
public interface NetworkService {

    List<NetworkVO> listNetworks(ListNetworksCmd cmd);

    /** The network new instances of a zone join when the caller names none. */
    NetworkVO getDefaultNetwork(long zoneId);

    /** Creates the shared network every new zone starts with. */
    NetworkVO createDefaultNetwork(long zoneId);
}
