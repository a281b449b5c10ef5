// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.network;

import java.util.UUID;

/**
 * Row of the network table.
 */
public class NetworkVO {

    private long id;
    private String uuid = UUID.randomUUID().toString();
    private String name;
    private String cidr;
    private long zoneId;
    private String type;
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
