// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.storage;

import java.util.UUID;

/**
 * Row of the disk table.
 */
public class DiskVO {

    public static final String TYPE_ROOT = "ROOT";
    public static final String TYPE_DATA = "DATA";

    private long id;
    private String uuid = UUID.randomUUID().toString();
    private String name;
    private String type;
    private long sizeGb;
    private String state = "Allocated";
    private long zoneId;
    private Long instanceId;
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
