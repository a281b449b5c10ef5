// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.storage;

import java.util.Date;
import java.util.UUID;

/**
 * Row of the snapshot table.
 */
public class SnapshotVO {

    private long id;
    private String uuid = UUID.randomUUID().toString();
    private String name;
    private long diskId;
    private String state = "Allocated";
    private Date created = new Date();

    public SnapshotVO(long diskId, String name) {
        this.diskId = diskId;
        this.name = name;
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

    public long getDiskId() {
        return diskId;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public Date getCreated() {
        return created;
    }
}
