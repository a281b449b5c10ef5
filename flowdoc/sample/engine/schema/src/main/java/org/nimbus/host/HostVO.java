// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.host;

import java.util.UUID;

/**
 * Row of the host table.
 */
@Entity
@Table(name = "host")
public class HostVO {

    @Column(name = "id")
    private long id;
    @Column(name = "uuid")
    private String uuid = UUID.randomUUID().toString();
    @Column(name = "name")
    private String name;
    @Column(name = "ip_address")
    private String ipAddress;
    @Column(name = "zone_id")
    private long zoneId;
    @Column(name = "hypervisor")
    private String hypervisor;
    @Column(name = "state")
    private String state = "Connecting";
    @Column(name = "tags")
    private String[] tags = new String[0];

    public HostVO(String name, String ipAddress, long zoneId, String hypervisor) {
        this.name = name;
        this.ipAddress = ipAddress;
        this.zoneId = zoneId;
        this.hypervisor = hypervisor;
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

    public String getIpAddress() {
        return ipAddress;
    }

    public long getZoneId() {
        return zoneId;
    }

    public String getHypervisor() {
        return hypervisor;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String[] getTags() {
        return tags;
    }

    public void setTags(String[] tags) {
        this.tags = tags;
    }
}
