// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.vm;

import java.util.Date;
import java.util.UUID;

/**
 * Row of the instance table.
 */
@Entity
@Table(name = "instance")
public class InstanceVO {

    @Column(name = "id")
    private long id;
    @Column(name = "uuid")
    private String uuid = UUID.randomUUID().toString();
    @Column(name = "name")
    private String name;
    @Column(name = "display_name")
    private String displayName;
    @Column(name = "state")
    private String state = "Allocated";
    @Column(name = "zone_id")
    private long zoneId;
    @Column(name = "host_id")
    private Long hostId;
    @Column(name = "offering_id")
    private long offeringId;
    @Column(name = "image_id")
    private Long imageId;
    @Column(name = "network_id")
    private Long networkId;
    @Column(name = "account_name")
    private String accountName;
    @Column(name = "domain_id")
    private Long domainId;
    @Column(name = "created")
    private Date created = new Date();
    @Column(name = "removed")
    private Date removed;

    public InstanceVO(String name, String displayName, long zoneId, long offeringId, Long imageId) {
        this.name = name;
        this.displayName = displayName;
        this.zoneId = zoneId;
        this.offeringId = offeringId;
        this.imageId = imageId;
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

    public String getDisplayName() {
        return displayName;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public long getZoneId() {
        return zoneId;
    }

    public Long getHostId() {
        return hostId;
    }

    public void setHostId(Long hostId) {
        this.hostId = hostId;
    }

    public long getOfferingId() {
        return offeringId;
    }

    public Long getImageId() {
        return imageId;
    }

    public Long getNetworkId() {
        return networkId;
    }

    public void setNetworkId(Long networkId) {
        this.networkId = networkId;
    }

    public String getAccountName() {
        return accountName;
    }

    public Long getDomainId() {
        return domainId;
    }

    public Date getCreated() {
        return created;
    }

    public Date getRemoved() {
        return removed;
    }

    public void setRemoved(Date removed) {
        this.removed = removed;
    }
}
