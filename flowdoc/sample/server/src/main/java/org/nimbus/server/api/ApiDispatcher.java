// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.server.api;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.nimbus.api.BaseAsyncCmd;
import org.nimbus.api.BaseAsyncCreateCmd;
import org.nimbus.api.BaseCmd;
import org.nimbus.api.BaseCmd.CommandType;
import org.nimbus.api.Parameter;
import org.nimbus.framework.jobs.AsyncJobManager;
import org.nimbus.framework.jobs.AsyncJobVO;

/**
 * Fills command fields from request parameters and runs the command.
 */
public class ApiDispatcher {

    @Inject
    AsyncJobManager _asyncMgr;

    /** Synchronous first half of an async-create command: reserve the entity. */
    public void dispatchCreateCmd(BaseAsyncCreateCmd cmd, Map<String, String> params) {
        processParameters(cmd, params);
        cmd.create();
    }

    /**
     * Runs a command. {@code fromJob} is true when called from a background job thread.
     */
    public void dispatch(BaseCmd cmd, Map<String, String> params, boolean fromJob) {
        processParameters(cmd, params);
        if (fromJob && cmd instanceof BaseAsyncCmd) {
            Long jobId = ((BaseAsyncCmd) cmd).getJobId();
            if (jobId != null) {
                AsyncJobVO job = _asyncMgr.getAsyncJob(jobId);
                ((BaseAsyncCmd) cmd).setJob(job);
            }
        }
        cmd.execute();
    }

    private void processParameters(BaseCmd cmd, Map<String, String> params) {
        for (Field field : getAllFieldsOfClass(cmd.getClass())) {
            Parameter parameter = field.getAnnotation(Parameter.class);
            if (parameter == null) {
                continue;
            }
            String raw = params.get(parameter.name());
            if (raw == null) {
                if (parameter.required()) {
                    throw new IllegalArgumentException("missing required parameter " + parameter.name());
                }
                continue;
            }
            setFieldValue(field, cmd, convert(parameter.type(), parameter.collectionType(), raw));
        }
    }

    private Object convert(CommandType type, CommandType elementType, String raw) {
        switch (type) {
            case BOOLEAN:
                return Boolean.valueOf(raw);
            case INTEGER:
                return Integer.valueOf(raw);
            case LONG:
            case UUID:
                return Long.valueOf(raw);
            case LIST:
                List<Object> items = new ArrayList<Object>();
                for (String part : raw.split(",")) {
                    items.add(convert(elementType, CommandType.OBJECT, part.trim()));
                }
                return items;
            case MAP:
                Map<String, Map<String, String>> map = new HashMap<String, Map<String, String>>();
                for (String pair : raw.split(",")) {
                    String[] kv = pair.split(":", 2);
                    Map<String, String> entry = new HashMap<String, String>();
                    entry.put(kv[0], kv.length > 1 ? kv[1] : "");
                    map.put(String.valueOf(map.size()), entry);
                }
                return map;
            default:
                return raw;
        }
    }

    private static List<Field> getAllFieldsOfClass(Class<?> cmdClass) {
        List<Field> fields = new ArrayList<Field>();
        for (Class<?> current = cmdClass; current != null && current != Object.class; current = current.getSuperclass()) {
            for (Field field : current.getDeclaredFields()) {
                fields.add(field);
            }
        }
        return fields;
    }

    private static void setFieldValue(Field field, BaseCmd cmd, Object value) {
        try {
            field.setAccessible(true);
            field.set(cmd, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set " + field.getName(), e);
        }
    }
}
