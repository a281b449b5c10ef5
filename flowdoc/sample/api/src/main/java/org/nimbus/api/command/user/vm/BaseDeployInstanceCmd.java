// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.command.user.vm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.nimbus.api.ApiConstants;
import org.nimbus.api.BaseAsyncCreateCmd;
import org.nimbus.api.Parameter;
import org.nimbus.api.response.NetworkResponse;
import org.nimbus.api.response.ZoneResponse;

/**
 * Parameters shared by every flavour of the deploy API. Subclasses decide how the
 * reserved instance is started and which view of it is returned.
 */
public abstract class BaseDeployInstanceCmd extends BaseAsyncCreateCmd {

    @Parameter(name = ApiConstants.ZONE_ID, type = CommandType.UUID, entityType = ZoneResponse.class, required = true,
            description = "zone to place the instance in")
    private Long zoneId;

    @Parameter(name = ApiConstants.OFFERING_ID, type = CommandType.UUID, required = true,
            description = "size offering that fixes CPU and memory")
    private Long offeringId;

    @Parameter(name = ApiConstants.IMAGE_ID, type = CommandType.UUID,
            description = "image to boot from; the zone default image when left out")
    private Long imageId;

    @Parameter(name = ApiConstants.NAME, type = CommandType.STRING, length = 63,
            description = "short host name for the instance")
    private String name;

    @Parameter(name = ApiConstants.DISPLAY_NAME, type = CommandType.STRING, description = "label shown in the portal")
    private String displayName;

    @Parameter(name = ApiConstants.NETWORK_IDS, type = CommandType.LIST, collectionType = CommandType.UUID,
            entityType = NetworkResponse.class, description = "networks to plug the instance into, first one is the default")
    private List<Long> networkIds;

    @Parameter(name = ApiConstants.DETAILS, type = CommandType.MAP, since = "1.1",
            description = "extra key/value settings passed to the hypervisor")
    private Map<String, Map<String, String>> details;

    @Parameter(name = ApiConstants.DISK_SIZE, type = CommandType.LONG, description = "root disk size in GB")
    private Long rootDiskSize;

    public Long getZoneId() {
        return zoneId;
    }

    public Long getOfferingId() {
        return offeringId;
    }

    public Long getImageId() {
        return imageId;
    }

    public String getName() {
        return name;
    }

    public String getDisplayName() {
        return displayName == null ? name : displayName;
    }

    public List<Long> getNetworkIds() {
        return networkIds == null ? new ArrayList<Long>() : networkIds;
    }

    public Map<String, String> getDetails() {
        Map<String, String> flat = new HashMap<String, String>();
        if (details != null) {
            for (Map<String, String> entry : details.values()) {
                flat.putAll(entry);
            }
        }
        return flat;
    }

    public Long getRootDiskSize() {
        return rootDiskSize;
    }

    /** Only the admin variant lets callers pick a host. */
    public Long getHostId() {
        return null;
    }

    @Override
    public String getEventType() {
        return "INSTANCE.CREATE";
    }

    @Override
    public String getEventDescription() {
        return "deploying instance " + getName();
    }

    @Override
    public String getInstanceType() {
        return "Instance";
    }
}
