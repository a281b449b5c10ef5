// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.acl;

/**
 * Coarse roles that an API command can be opened to.
 */
public enum RoleType {
    Admin(1),
    ResourceAdmin(2),
    DomainAdmin(4),
    User(8),
    Unknown(0);

    private final int mask;

    RoleType(int mask) {
        this.mask = mask;
    }

    public int getMask() {
        return mask;
    }

    public static RoleType fromMask(int mask) {
        for (RoleType role : values()) {
            if (role.mask == mask) {
                return role;
            }
        }
        return Unknown;
    }
}
