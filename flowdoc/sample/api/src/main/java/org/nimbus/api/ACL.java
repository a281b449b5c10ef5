// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks the dispatcher to check that the caller may touch the entity a parameter points at.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface ACL {

    enum AccessType {
        ListEntry,
        UseEntry,
        OperateEntry
    }

    AccessType accessType() default AccessType.UseEntry;

    boolean checkKeyAccess() default false;
}
