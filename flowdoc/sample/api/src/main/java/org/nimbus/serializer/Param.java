// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.serializer;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents one field of an API response object.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Param {
    String name() default "";

    String description() default "";

    /** Element type when the field holds nested response objects. */
    Class<?> responseObject() default Object.class;

    boolean includeInApiDoc() default true;

    String since() default "";

    boolean isSensitive() default false;
}
