// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api;

/**
 * List APIs whose rows belong to an account, so callers may narrow by owner.
 */
public abstract class BaseListAccountResourcesCmd extends BaseListCmd {

    @Parameter(name = ApiConstants.ACCOUNT, type = CommandType.STRING, description = "only rows owned by this account")
    private String accountName;

    @Parameter(name = ApiConstants.DOMAIN_ID, type = CommandType.UUID, description = "only rows in this domain")
    private Long domainId;

    @Parameter(name = ApiConstants.LIST_ALL, type = CommandType.BOOLEAN,
            description = "when true, include rows the caller may see but does not own")
    private Boolean listAll;

    public String getAccountName() {
        return accountName;
    }

    public Long getDomainId() {
        return domainId;
    }

    public boolean listAll() {
        return listAll != null && listAll;
    }
}
