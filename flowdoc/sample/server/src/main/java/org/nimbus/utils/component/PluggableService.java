// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.utils.component;

import java.util.List;

/**
 * A component that contributes API command classes to the API server.
 */
public interface PluggableService {

    /** Command classes this component answers for. */
    List<Class<?>> getCommands();
}
