// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.storage;

import java.util.Date;
import java.util.UUID;

/**
 * Row of the snapshot table.
 */
@Entity
@Table(name = "snapshot")
public class SnapshotVO {

    @Column(name = "id")
    private long id;
    @Column(name = "uuid")
    private String uuid = UUID.randomUUID().toString();
    @Column(name = "name")
    private String name;
    @Column(name = "disk_id")
    private long diskId;
    @Column(name = "state")
    private String state = "Allocated";
    @Column(name = "created")
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
