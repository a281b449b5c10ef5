// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.resource;

import java.util.List;

import org.nimbus.api.command.admin.host.AddHostCmd;
import org.nimbus.api.command.admin.host.ListHostsCmd;
import org.nimbus.host.HostVO;

/**
 * Hypervisor hosts.
 */
public interface ResourceService {

    List<HostVO> listHosts(ListHostsCmd cmd);

    /** Records a new host and opens the agent connection to it. */
    HostVO addHost(AddHostCmd cmd);

    /** One-time token the host agent uses to register itself. */
    String getHostToken(long hostId);

    /** Any host of the zone that is Up, or null. */
    HostVO findUpHost(long zoneId);
}
