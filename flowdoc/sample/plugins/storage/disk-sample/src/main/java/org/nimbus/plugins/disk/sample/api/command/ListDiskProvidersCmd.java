// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.plugins.disk.sample.api.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.nimbus.acl.RoleType;
import org.nimbus.api.APICommand;
import org.nimbus.api.BaseListCmd;
import org.nimbus.api.response.ListResponse;
import org.nimbus.plugins.disk.sample.DiskProviderService;
import org.nimbus.plugins.disk.sample.api.response.DiskProviderResponse;

/**
 * Lists the storage providers of the sample disk plugin.
 */
@APICommand(name = "listDiskProviders", description = "Lists storage providers known to the disk plugin.",
        responseObject = DiskProviderResponse.class, since = "1.1", requestHasSensitiveInfo = false,
        responseHasSensitiveInfo = false, authorized = {RoleType.Admin})
public class ListDiskProvidersCmd extends BaseListCmd {

    @Inject
    private DiskProviderService _providerService;

    @Override
    public void execute() {
        List<DiskProviderResponse> rows = new ArrayList<DiskProviderResponse>();
        for (Map.Entry<String, String> provider : _providerService.listProviders(getKeyword()).entrySet()) {
            DiskProviderResponse row = new DiskProviderResponse();
            row.setName(provider.getKey());
            row.setDescription(provider.getValue());
            rows.add(row);
        }
        ListResponse<DiskProviderResponse> response = new ListResponse<DiskProviderResponse>();
        response.setResponses(rows);
        response.setResponseName(getCommandName());
        setResponseObject(response);
    }
}
