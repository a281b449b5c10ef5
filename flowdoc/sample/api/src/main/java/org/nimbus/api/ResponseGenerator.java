// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api;

import org.nimbus.api.ResponseObject.ResponseView;
import org.nimbus.api.response.DiskResponse;
import org.nimbus.api.response.HostResponse;
import org.nimbus.api.response.InstanceResponse;
import org.nimbus.api.response.NetworkResponse;
import org.nimbus.api.response.SnapshotResponse;
import org.nimbus.api.response.ZoneResponse;
import org.nimbus.dc.ZoneVO;
import org.nimbus.host.HostVO;
import org.nimbus.network.NetworkVO;
import org.nimbus.storage.DiskVO;
import org.nimbus.storage.SnapshotVO;
import org.nimbus.vm.InstanceVO;

/**
 * Turns database rows into response objects.
 */
public interface ResponseGenerator {

    InstanceResponse createInstanceResponse(ResponseView view, InstanceVO instance);

    DiskResponse createDiskResponse(DiskVO disk);

    SnapshotResponse createSnapshotResponse(SnapshotVO snapshot);

    ZoneResponse createZoneResponse(ZoneVO zone);

    HostResponse createHostResponse(HostVO host);

    NetworkResponse createNetworkResponse(NetworkVO network);
}
