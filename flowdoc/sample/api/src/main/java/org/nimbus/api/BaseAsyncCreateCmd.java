// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api;

/**
 * An asynchronous command that first reserves a database row synchronously
 * ({@link #create()}) and then finishes the work in the background job.
 */
public abstract class BaseAsyncCreateCmd extends BaseAsyncCmd {

    @Parameter(name = ApiConstants.ID, type = CommandType.LONG, expose = false,
            description = "internal id of the row reserved by the create step")
    private Long id;

    private String uuid;

    /** Reserves the entity and records its id with {@link #setEntityId(Long)}. */
    public abstract void create();

    public Long getEntityId() {
        return id;
    }

    public void setEntityId(Long id) {
        this.id = id;
    }

    public String getEntityUuid() {
        return uuid;
    }

    public void setEntityUuid(String uuid) {
        this.uuid = uuid;
    }

    public String getCreateEventType() {
        return null;
    }
}
