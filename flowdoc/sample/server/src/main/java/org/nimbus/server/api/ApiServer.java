// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.server.api;

import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.nimbus.api.APICommand;
import org.nimbus.api.AdminCmd;
import org.nimbus.api.ApiConstants;
import org.nimbus.api.BaseAsyncCmd;
import org.nimbus.api.BaseAsyncCreateCmd;
import org.nimbus.api.BaseCmd;
import org.nimbus.framework.jobs.AsyncJobManager;
import org.nimbus.framework.jobs.AsyncJobVO;
import org.nimbus.utils.component.PluggableService;

/**
 * Maps API names to command classes and decides whether a command runs inline or
 * as a background job.
 */
public class ApiServer {

    /** Stand-in for real authentication: the servlet filter puts the caller role here. */
    static final String CALLER_ROLE = "_callerrole";

    @Inject
    ApiDispatcher dispatcher;
    @Inject
    AsyncJobManager asyncMgr;
    @Inject
    ApiAsyncJobDispatcher asyncDispatcher;
    @Inject
    List<PluggableService> pluggableServices;

    private final Map<String, List<Class<?>>> apiNameCmdClassMap = new HashMap<String, List<Class<?>>>();

    /** Collects the command classes of every pluggable service. */
    public boolean start() {
        for (PluggableService service : pluggableServices) {
            for (Class<?> cmdClass : service.getCommands()) {
                registerCommand(cmdClass);
            }
        }
        return true;
    }

    private void registerCommand(Class<?> cmdClass) {
        APICommand api = cmdClass.getAnnotation(APICommand.class);
        if (api == null) {
            return;
        }
        List<Class<?>> classes = apiNameCmdClassMap.get(api.name());
        if (classes == null) {
            classes = new ArrayList<Class<?>>();
            apiNameCmdClassMap.put(api.name(), classes);
        }
        classes.add(cmdClass);
    }

    /**
     * Handles one API call: finds the command class, builds the command and queues it.
     *
     * @return the serialised answer
     */
    public String handleRequest(Map<String, Object[]> params, String responseType, StringBuilder auditTrail)
            throws Exception {
        String commandName = firstValue(params, ApiConstants.COMMAND);
        if (commandName == null) {
            throw new IllegalArgumentException("the command parameter is missing");
        }
        Class<?> cmdClass = getCmdClass(commandName, "admin".equals(firstValue(params, CALLER_ROLE)));
        if (cmdClass == null) {
            throw new IllegalArgumentException("unknown API " + commandName);
        }
        BaseCmd cmdObj = (BaseCmd) cmdClass.newInstance();
        Map<String, String> paramMap = new HashMap<String, String>();
        for (Map.Entry<String, Object[]> entry : params.entrySet()) {
            paramMap.put(entry.getKey(), firstValue(params, entry.getKey()));
        }
        cmdObj.setFullUrlParams(paramMap);
        cmdObj.setResponseType(responseType);
        auditTrail.append(' ').append(commandName);
        return queueCommand(cmdObj, paramMap);
    }

    /** Picks the admin variant of an API when the caller is an administrator. */
    Class<?> getCmdClass(String apiName, boolean adminCaller) {
        List<Class<?>> classes = apiNameCmdClassMap.get(apiName);
        if (classes == null || classes.isEmpty()) {
            return null;
        }
        for (Class<?> candidate : classes) {
            if (adminCaller == AdminCmd.class.isAssignableFrom(candidate)) {
                return candidate;
            }
        }
        return classes.get(0);
    }

    private String queueCommand(BaseCmd cmdObj, Map<String, String> params) throws Exception {
        if (cmdObj instanceof BaseAsyncCmd) {
            BaseAsyncCmd asyncCmd = (BaseAsyncCmd) cmdObj;
            Long objectId = asyncCmd.getInstanceId();
            if (cmdObj instanceof BaseAsyncCreateCmd) {
                BaseAsyncCreateCmd createCmd = (BaseAsyncCreateCmd) cmdObj;
                dispatcher.dispatchCreateCmd(createCmd, params);
                objectId = createCmd.getEntityId();
                params.put(ApiConstants.ID, String.valueOf(objectId));
            }
            AsyncJobVO job = new AsyncJobVO(cmdObj.getClass().getName(), encodeParams(params),
                    asyncCmd.getInstanceType(), objectId);
            job.setDispatcher(asyncDispatcher.getName());
            long jobId = asyncMgr.submitAsyncJob(job);
            asyncCmd.setJobId(jobId);
            return "{\"" + cmdObj.getCommandName() + "\":{\"jobid\":" + jobId + ",\"id\":" + objectId + "}}";
        } else {
            dispatcher.dispatch(cmdObj, params, false);
            return "{\"" + cmdObj.getCommandName() + "\":" + cmdObj.getResponseObject() + "}";
        }
    }

    private static String firstValue(Map<String, Object[]> params, String key) {
        Object[] values = params.get(key);
        return (values == null || values.length == 0) ? null : String.valueOf(values[0]);
    }

    static String encodeParams(Map<String, String> params) throws UnsupportedEncodingException {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> entry : params.entrySet()) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(URLEncoder.encode(entry.getKey(), "UTF-8")).append('=');
            out.append(URLEncoder.encode(entry.getValue(), "UTF-8"));
        }
        return out.toString();
    }

    static Map<String, String> decodeParams(String encoded) throws UnsupportedEncodingException {
        Map<String, String> params = new HashMap<String, String>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), "UTF-8"), URLDecoder.decode(pair.substring(eq + 1), "UTF-8"));
            }
        }
        return params;
    }
}
