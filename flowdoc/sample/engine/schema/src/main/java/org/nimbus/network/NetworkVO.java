// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.network;

import java.util.UUID;

/**
 * Row of the network table.
 */
@Entity
@Table(name = "network")
public class NetworkVO {

    @Column(name = "id")
    private long id;
    @Column(name = "uuid")
    private String uuid = UUID.randomUUID().toString();
    @Column(name = "name")
    private String name;
    @Column(name = "cidr")
    private String cidr;
    @Column(name = "zone_id")
    private long zoneId;
    @Column(name = "type")
    private String type;
    @Column(name = "is_default")
    private boolean isDefault;

    public NetworkVO(String name, String cidr, long zoneId, String type, boolean isDefault) {
        this.name = name;
        this.cidr = cidr;
        this.zoneId = zoneId;
        this.type = type;
        this.isDefault = isDefault;
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

    public String getCidr() {
        return cidr;
    }

    public long getZoneId() {
        return zoneId;
    }

    public String getType() {
        return type;
    }

    public boolean isDefault() {
        return isDefault;
    }
}
