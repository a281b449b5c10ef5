// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.dc;

import java.util.UUID;

/**
 * Row of the zone table.
 */
@Entity
@Table(name = "zone")
public class ZoneVO {

    @Column(name = "id")
    private long id;
    @Column(name = "uuid")
    private String uuid = UUID.randomUUID().toString();
    @Column(name = "name")
    private String name;
    @Column(name = "description")
    private String description;
    @Column(name = "network_type")
    private String networkType;
    @Column(name = "allocation_state")
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
