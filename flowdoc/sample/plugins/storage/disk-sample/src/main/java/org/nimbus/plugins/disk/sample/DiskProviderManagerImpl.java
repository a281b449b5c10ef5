// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.plugins.disk.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nimbus.plugins.disk.sample.api.command.ListDiskProvidersCmd;
import org.nimbus.utils.component.PluggableService;

/**
 * Plugin manager: serves the provider list and registers the plugin's API command.
 */
public class DiskProviderManagerImpl implements DiskProviderService, PluggableService {

    private final Map<String, String> providers = new LinkedHashMap<String, String>();

    public DiskProviderManagerImpl() {
        providers.put("localfs", "disks as files on the host's own drive");
        providers.put("nfs", "disks as files on a shared export");
        providers.put("blockpool", "disks carved out of a shared block pool");
    }

    @Override
    public Map<String, String> listProviders(String keyword) {
        Map<String, String> matches = new LinkedHashMap<String, String>();
        for (Map.Entry<String, String> entry : providers.entrySet()) {
            if (keyword == null || entry.getKey().contains(keyword)) {
                matches.put(entry.getKey(), entry.getValue());
            }
        }
        return matches;
    }

    @Override
    public List<Class<?>> getCommands() {
        List<Class<?>> cmdList = new ArrayList<Class<?>>();
        cmdList.add(ListDiskProvidersCmd.class);
        return cmdList;
    }
}
