// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.vm;

import java.util.Date;
import java.util.UUID;

/**
 * Row of the instance table.
 */
public class InstanceVO {

    private long id;
    private String uuid = UUID.randomUUID().toString();
    private String name;
    private String displayName;
    private String state = "Allocated";
    private long zoneId;
    private Long hostId;
    private long offeringId;
    private Long imageId;
    private Long networkId;
    private String accountName;
    private Long domainId;
    private Date created = new Date();
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
