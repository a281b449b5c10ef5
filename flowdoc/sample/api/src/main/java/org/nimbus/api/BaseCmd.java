// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api;

import java.util.HashMap;
import java.util.Map;

import javax.inject.Inject;

import org.nimbus.api.ResponseObject.ResponseView;
import org.nimbus.dc.ZoneService;
import org.nimbus.network.NetworkService;
import org.nimbus.resource.ResourceService;
import org.nimbus.storage.DiskService;
import org.nimbus.vm.InstanceService;

/**
 * Root of every API command. The dispatcher fills the annotated fields from the
 * request and then calls {@link #execute()}.
 */
public abstract class BaseCmd {

    /** Wire types a request parameter can be converted to. */
    public enum CommandType {
        BOOLEAN, DATE, FLOAT, DOUBLE, INTEGER, SHORT, LIST, LONG, OBJECT, MAP, STRING, UUID
    }

    public static final String RESPONSE_SUFFIX = "response";
    public static final long SYSTEM_ACCOUNT_ID = 1L;

    @Inject
    public InstanceService _instanceService;
    @Inject
    public DiskService _diskService;
    @Inject
    public ZoneService _zoneService;
    @Inject
    public NetworkService _networkService;
    @Inject
    public ResourceService _resourceService;
    @Inject
    public ResponseGenerator _responseGenerator;

    private Object responseObject;
    private String responseType = "json";
    private Map<String, String> fullUrlParams = new HashMap<String, String>();

    /** Does the actual work of the command and stores the response. */
    public abstract void execute();

    /** Name of the top-level element of the answer, derived from the API name. */
    public String getCommandName() {
        return getActualCommandName().toLowerCase() + RESPONSE_SUFFIX;
    }

    public String getActualCommandName() {
        APICommand annotation = getClass().getAnnotation(APICommand.class);
        return annotation == null ? getClass().getSimpleName() : annotation.name();
    }

    /** Account that owns whatever the command acts on; used for permission checks. */
    public long getEntityOwnerId() {
        return SYSTEM_ACCOUNT_ID;
    }

    public ResponseView getResponseView() {
        return (this instanceof AdminCmd) ? ResponseView.Full : ResponseView.Restricted;
    }

    public Object getResponseObject() {
        return responseObject;
    }

    public void setResponseObject(Object responseObject) {
        this.responseObject = responseObject;
    }

    public String getResponseType() {
        return responseType;
    }

    public void setResponseType(String responseType) {
        this.responseType = responseType;
    }

    public Map<String, String> getFullUrlParams() {
        return fullUrlParams;
    }

    public void setFullUrlParams(Map<String, String> fullUrlParams) {
        this.fullUrlParams = fullUrlParams;
    }
}
