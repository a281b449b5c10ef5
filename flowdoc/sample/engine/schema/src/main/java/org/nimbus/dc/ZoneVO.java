// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.dc;

import java.util.UUID;

/**
 * Row of the zone table.
 */
public class ZoneVO {

    private long id;
    private String uuid = UUID.randomUUID().toString();
    private String name;
    private String description;
    private String networkType;
    private String allocationState = "Disabled";

    public ZoneVO(String name, String description, String networkType) {
        this.name = name;
        this.description = description;
        this.networkType = networkType;
    }

    public long getId() {
        return id;
    }

    public void setId(long id) {
        this.id = id;
    }

    public String getUuid() {
        return uuid;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public String getNetworkType() {
        return networkType;
    }

    public String getAllocationState() {
        return allocationState;
    }

    public void setAllocationState(String allocationState) {
        this.allocationState = allocationState;
    }
}
