// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.nimbus.api.command.admin.host.AddHostCmd;
import org.nimbus.api.command.admin.host.GetHostTokenCmd;
import org.nimbus.api.command.admin.host.ListHostsCmd;
import org.nimbus.api.command.admin.vm.DeployInstanceCmdByAdmin;
import org.nimbus.api.command.admin.zone.CreateZoneCmd;
import org.nimbus.api.command.user.disk.AttachDiskCmd;
import org.nimbus.api.command.user.disk.CreateDiskCmd;
import org.nimbus.api.command.user.disk.ListDisksCmd;
import org.nimbus.api.command.user.network.ListNetworksCmd;
import org.nimbus.api.command.user.snapshot.CreateSnapshotCmd;
import org.nimbus.api.command.user.vm.DeployInstanceCmd;
import org.nimbus.api.command.user.vm.DestroyInstanceCmd;
import org.nimbus.api.command.user.vm.ListInstancesCmd;
import org.nimbus.api.command.user.vm.RebootInstanceCmd;
import org.nimbus.api.command.user.vm.StartInstanceCmd;
import org.nimbus.api.command.user.zone.ListZonesCmd;
import org.nimbus.host.HostVO;
import org.nimbus.host.dao.HostDao;
import org.nimbus.utils.component.PluggableService;
import org.nimbus.vm.InstanceManagerImpl;
import org.nimbus.vm.InstanceService;

/**
 * Core management server component: registers the built-in API commands and
 * offers a few server-wide helpers.
 */
public class ManagementServerImpl implements PluggableService {

    @Inject
    private InstanceService _instanceService;

    @Inject
    private HostDao _hostDao;

    /**
     * Built-in commands. Anything missing here is unreachable through the API server.
     */
    @Override
    public List<Class<?>> getCommands() {
        List<Class<?>> cmdList = new ArrayList<Class<?>>();
        cmdList.add(ListInstancesCmd.class);
        cmdList.add(DeployInstanceCmd.class);
        cmdList.add(DeployInstanceCmdByAdmin.class);
        cmdList.add(StartInstanceCmd.class);
        cmdList.add(DestroyInstanceCmd.class);
        cmdList.add(RebootInstanceCmd.class);
        cmdList.add(CreateDiskCmd.class);
        cmdList.add(AttachDiskCmd.class);
        cmdList.add(ListDisksCmd.class);
        cmdList.add(CreateSnapshotCmd.class);
        cmdList.add(ListZonesCmd.class);
        cmdList.add(CreateZoneCmd.class);
        cmdList.add(ListNetworksCmd.class);
        cmdList.add(ListHostsCmd.class);
        cmdList.add(AddHostCmd.class);
        cmdList.add(GetHostTokenCmd.class);
        return cmdList;
    }

    /** Drops cached instance rows so the next read goes to the database. */
    public void refreshCaches() {
        if (_instanceService instanceof InstanceManagerImpl) {
            ((InstanceManagerImpl) _instanceService).refreshCache();
        }
    }

    /** Hypervisor families present in a zone; empty when no zone is given. */
    public List<String> listHypervisors(Long zoneId) {
        if (zoneId == null) {
            return Collections.<String>emptyList();
        }
        return _hostDao.listByZone(zoneId).stream()
                .map(HostVO::getHypervisor)
                .distinct()
                .collect(Collectors.toList());
    }
}
