// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.storage;

import java.util.UUID;

/**
 * Row of the disk table.
 */
@Entity
@Table(name = "disk")
public class DiskVO {

    public static final String TYPE_ROOT = "ROOT";
    public static final String TYPE_DATA = "DATA";

    @Column(name = "id")
    private long id;
    @Column(name = "uuid")
    private String uuid = UUID.randomUUID().toString();
    @Column(name = "name")
    private String name;
    @Column(name = "type")
    private String type;
    @Column(name = "size_gb")
    private long sizeGb;
    @Column(name = "state")
    private String state = "Allocated";
    @Column(name = "zone_id")
    private long zoneId;
    @Column(name = "instance_id")
    private Long instanceId;
    @Column(name = "device_id")
    private Long deviceId;

    public DiskVO(String name, String type, long zoneId, long sizeGb) {
        this.name = name;
        this.type = type;
        this.zoneId = zoneId;
        this.sizeGb = sizeGb;
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

    public String getType() {
        return type;
    }

    public long getSizeGb() {
        return sizeGb;
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

    public Long getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(Long instanceId) {
        this.instanceId = instanceId;
    }

    public Long getDeviceId() {
        return deviceId;
    }

    public void setDeviceId(Long deviceId) {
        this.deviceId = deviceId;
    }
}
