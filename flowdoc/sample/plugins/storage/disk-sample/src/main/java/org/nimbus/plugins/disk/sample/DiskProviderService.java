// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.plugins.disk.sample;

import java.util.Map;

/**
 * Storage back-ends the sample disk plugin knows about.
 */
public interface DiskProviderService {

    /**
     * Provider names mapped to a short description, filtered by keyword.
     */
    Map<String, String> listProviders(String keyword);
}
