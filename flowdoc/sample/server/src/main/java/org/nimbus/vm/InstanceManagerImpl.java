// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.vm;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.nimbus.agent.HostAgentManager;
import org.nimbus.api.command.user.vm.BaseDeployInstanceCmd;
import org.nimbus.api.command.user.vm.ListInstancesCmd;
import org.nimbus.dc.ZoneVO;
import org.nimbus.dc.dao.ZoneDao;
import org.nimbus.framework.config.ConfigKey;
import org.nimbus.host.HostVO;
import org.nimbus.network.NetworkService;
import org.nimbus.resource.ResourceService;
import org.nimbus.storage.DiskService;
import org.nimbus.vm.dao.InstanceDao;

/**
 * Instance lifecycle: placement, power actions and clean-up.
 */
public class InstanceManagerImpl implements InstanceService, InstanceManager {

    static final ConfigKey<Boolean> StartOnAnyHost = new ConfigKey<>("Advanced", Boolean.class,
            "instance.start.any.host", "true", "Whether an instance without a host may start on any host that is up",
            true, ConfigKey.Scope.Zone);

    @Inject
    private InstanceDao _instanceDao;
    @Inject
    private ZoneDao _zoneDao;
    @Inject
    private DiskService _diskService;
    @Inject
    private NetworkService _networkService;
    @Inject
    private ResourceService _resourceService;
    @Inject
    private HostAgentManager _agentMgr;

    private final Map<Long, InstanceVO> cache = new ConcurrentHashMap<Long, InstanceVO>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    /** Periodic task that keeps the cache in step with the database. */
    class CacheRefreshTask implements Runnable {
        @Override
        public void run() {
            refreshCache();
        }
    }

    public boolean start() {
        scheduler.scheduleAtFixedRate(new CacheRefreshTask(), 60, 60, TimeUnit.SECONDS);
        return true;
    }

    /**
     * Reserves the instance row, picks its default network and reserves its root disk.
     */
    @Override
    public InstanceVO allocateInstance(BaseDeployInstanceCmd cmd) {
        ZoneVO zone = _zoneDao.findById(cmd.getZoneId());
        if (zone == null) {
            throw new IllegalArgumentException("unknown zone " + cmd.getZoneId());
        }
        InstanceVO instance = new InstanceVO(cmd.getName(), cmd.getDisplayName(), zone.getId(), cmd.getOfferingId(),
                cmd.getImageId());
        _instanceDao.persist(instance);
        List<Long> networkIds = cmd.getNetworkIds();
        long networkId = networkIds.isEmpty() ? _networkService.getDefaultNetwork(zone.getId()).getId() : networkIds.get(0);
        instance.setNetworkId(networkId);
        instance.setHostId(cmd.getHostId());
        _diskService.allocateRootDisk(instance.getId(), zone.getId(), cmd.getRootDiskSize());
        _instanceDao.update(instance.getId(), instance);
        cache.put(instance.getId(), instance);
        return instance;
    }

    /** Boots the instance reserved by the create step of the deploy command. */
    @Override
    public InstanceVO startDeployedInstance(BaseDeployInstanceCmd cmd) {
        return startInstance(cmd.getEntityId());
    }

    /**
     * Chooses a host when the instance has none and tells its agent to boot it.
     */
    @Override
    public InstanceVO startInstance(long instanceId) {
        InstanceVO instance = findById(instanceId);
        Long hostId = instance.getHostId();
        if (hostId == null && StartOnAnyHost.valueIn(instance.getZoneId())) {
            HostVO host = _resourceService.findUpHost(instance.getZoneId());
            if (host == null) {
                throw new IllegalStateException("no host is up in zone " + instance.getZoneId());
            }
            hostId = host.getId();
        }
        _agentMgr.send(hostId, "start " + instance.getUuid());
        instance.setHostId(hostId);
        instance.setState("Running");
        _instanceDao.update(instance.getId(), instance);
        return instance;
    }

    /** Asks the host agent to restart the instance. */
    @Override
    public InstanceVO rebootInstance(long instanceId) {
        InstanceVO instance = findById(instanceId);
        if (!"Running".equals(instance.getState())) {
            throw new IllegalStateException("instance " + instanceId + " is not running");
        }
        _agentMgr.send(instance.getHostId(), "reboot " + instance.getUuid());
        return instance;
    }

    /**
     * Stops the instance, detaches every disk and optionally expunges the row.
     */
    @Override
    public boolean destroyInstance(long instanceId, boolean expunge) {
        InstanceVO instance = findById(instanceId);
        if (instance.getHostId() != null) {
            _agentMgr.send(instance.getHostId(), "stop " + instance.getUuid());
        }
        _diskService.listDisksForInstance(instanceId).forEach(disk -> _diskService.detachDisk(disk.getId()));
        instance.setState("Destroyed");
        instance.setHostId(null);
        _instanceDao.update(instance.getId(), instance);
        if (expunge) {
            expunge(instance);
        }
        return true;
    }

    /** Moves the instance to another host through the agents of both hosts. */
    @Override
    public InstanceVO migrateInstance(long instanceId, long hostId) {
        InstanceVO instance = findById(instanceId);
        _agentMgr.send(hostId, "receive " + instance.getUuid());
        instance.setHostId(hostId);
        _instanceDao.update(instance.getId(), instance);
        return instance;
    }

    /** Filters and pages the instance table for the list command. */
    @Override
    public List<InstanceVO> listInstances(ListInstancesCmd cmd) {
        String keyword = cmd.getKeyword() != null ? cmd.getKeyword() : cmd.getName();
        List<InstanceVO> matches = _instanceDao.search(keyword, cmd.getZoneId(), cmd.getState());
        if (cmd.getHostId() != null) {
            List<InstanceVO> onHost = _instanceDao.listByHost(cmd.getHostId());
            matches = matches.stream().filter(onHost::contains).collect(Collectors.toList());
        }
        if (cmd.getIds() != null && !cmd.getIds().isEmpty()) {
            matches = matches.stream().filter(vm -> cmd.getIds().contains(vm.getId())).collect(Collectors.toList());
        }
        int from = Math.min(cmd.getStartIndex(), matches.size());
        int to = Math.min(from + cmd.getPageSizeVal(), matches.size());
        return matches.subList(from, to);
    }

    @Override
    public InstanceVO findById(long instanceId) {
        InstanceVO instance = cache.get(instanceId);
        if (instance == null) {
            instance = _instanceDao.findById(instanceId);
        }
        if (instance == null) {
            throw new IllegalArgumentException("unknown instance " + instanceId);
        }
        return instance;
    }

    @Override
    public void refreshCache() {
        cache.clear();
        for (InstanceVO instance : _instanceDao.listAll()) {
            cache.put(instance.getId(), instance);
        }
    }

    @Override
    public void expunge(InstanceVO instance) {
        _instanceDao.remove(instance.getId());
        cache.remove(instance.getId());
    }
}
