// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.server.api;

import java.util.Arrays;

import javax.inject.Inject;

import org.nimbus.api.ResponseGenerator;
import org.nimbus.api.ResponseObject.ResponseView;
import org.nimbus.api.response.*;
import org.nimbus.dc.ZoneVO;
import org.nimbus.dc.dao.ZoneDao;
import org.nimbus.host.HostVO;
import org.nimbus.host.dao.HostDao;
import org.nimbus.network.NetworkVO;
import org.nimbus.network.dao.NetworkDao;
import org.nimbus.storage.DiskVO;
import org.nimbus.storage.SnapshotVO;
import org.nimbus.storage.dao.DiskDao;
import org.nimbus.vm.InstanceVO;

/**
 * Default {@link ResponseGenerator}: copies row fields into response objects and
 * swaps internal ids for public uuids.
 */
public class ApiResponseHelper implements ResponseGenerator {

    @Inject
    private ZoneDao _zoneDao;
    @Inject
    private HostDao _hostDao;
    @Inject
    private NetworkDao _networkDao;
    @Inject
    private DiskDao _diskDao;

    @Override
    public InstanceResponse createInstanceResponse(ResponseView view, InstanceVO instance) {
        InstanceResponse response = new InstanceResponse();
        response.setId(instance.getUuid());
        response.setName(instance.getName());
        response.setDisplayName(instance.getDisplayName());
        response.setState(instance.getState());
        response.setCreated(instance.getCreated());
        ZoneVO zone = _zoneDao.findById(instance.getZoneId());
        if (zone != null) {
            response.setZoneId(zone.getUuid());
            response.setZoneName(zone.getName());
        }
        if (view == ResponseView.Full && instance.getHostId() != null) {
            HostVO host = _hostDao.findById(instance.getHostId());
            response.setHostId(host == null ? null : host.getUuid());
        }
        NetworkVO network = _networkDao.findById(instance.getNetworkId());
        if (network != null) {
            NicResponse nic = new NicResponse();
            nic.setNetworkId(network.getUuid());
            nic.setIsDefault(true);
            response.addNic(nic);
        }
        response.setAccountName(instance.getAccountName());
        return response;
    }

    @Override
    public DiskResponse createDiskResponse(DiskVO disk) {
        DiskResponse response = new DiskResponse();
        response.setId(disk.getUuid());
        response.setName(disk.getName());
        response.setSize(disk.getSizeGb());
        response.setType(disk.getType());
        response.setState(disk.getState());
        response.setDeviceId(disk.getDeviceId());
        ZoneVO zone = _zoneDao.findById(disk.getZoneId());
        response.setZoneId(zone == null ? null : zone.getUuid());
        return response;
    }

    @Override
    public SnapshotResponse createSnapshotResponse(SnapshotVO snapshot) {
        SnapshotResponse response = new SnapshotResponse();
        response.setId(snapshot.getUuid());
        response.setName(snapshot.getName());
        response.setState(snapshot.getState());
        response.setCreated(snapshot.getCreated());
        DiskVO disk = _diskDao.findById(snapshot.getDiskId());
        response.setDiskId(disk == null ? null : disk.getUuid());
        return response;
    }

    @Override
    public ZoneResponse createZoneResponse(ZoneVO zone) {
        ZoneResponse response = new ZoneResponse();
        response.setId(zone.getUuid());
        response.setName(zone.getName());
        response.setDescription(zone.getDescription());
        response.setNetworkType(zone.getNetworkType());
        response.setAllocationState(zone.getAllocationState());
        return response;
    }

    @Override
    public HostResponse createHostResponse(HostVO host) {
        HostResponse response = new HostResponse();
        response.setId(host.getUuid());
        response.setName(host.getName());
        response.setIpAddress(host.getIpAddress());
        response.setState(host.getState());
        response.setHypervisor(host.getHypervisor());
        response.setTags(Arrays.asList(host.getTags()));
        ZoneVO zone = _zoneDao.findById(host.getZoneId());
        response.setZoneId(zone == null ? null : zone.getUuid());
        return response;
    }

    @Override
    public NetworkResponse createNetworkResponse(NetworkVO network) {
        NetworkResponse response = new NetworkResponse();
        response.setId(network.getUuid());
        response.setName(network.getName());
        response.setCidr(network.getCidr());
        response.setType(network.getType());
        response.setIsDefault(network.isDefault());
        ZoneVO zone = _zoneDao.findById(network.getZoneId());
        response.setZoneId(zone == null ? null : zone.getUuid());
        return response;
    }
}
