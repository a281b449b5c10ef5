// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.server.api;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import javax.inject.Inject;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * HTTP front door of the API: turns a request into a parameter map and hands it
 * to the {@link ApiServer}.
 */
public class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int BAD_REQUEST = 431;
    private static final int INTERNAL_ERROR = 530;

    @Inject
    ApiServer apiServer;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
        processRequest(req, resp);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
        processRequest(req, resp);
    }

    void processRequest(HttpServletRequest req, HttpServletResponse resp) {
        StringBuilder auditTrail = new StringBuilder(req.getRemoteAddr());
        Map<String, Object[]> params = new HashMap<String, Object[]>(req.getParameterMap());
        String responseType = getResponseType(params);
        try {
            String body = apiServer.handleRequest(params, responseType, auditTrail);
            writeResponse(resp, body, HttpServletResponse.SC_OK, responseType);
        } catch (IllegalArgumentException e) {
            writeResponse(resp, e.getMessage(), BAD_REQUEST, responseType);
        } catch (Exception e) {
            writeResponse(resp, "internal error", INTERNAL_ERROR, responseType);
        }
    }

    private String getResponseType(Map<String, Object[]> params) {
        Object[] values = params.get("response");
        if (values != null && values.length > 0 && "xml".equals(values[0])) {
            return "xml";
        }
        return "json";
    }

    private void writeResponse(HttpServletResponse resp, String body, int status, String responseType) {
        try {
            resp.setStatus(status);
            resp.setContentType("json".equals(responseType) ? "application/json" : "text/xml");
            resp.getWriter().print(body);
        } catch (IOException e) {
            log("could not write the API response", e);
        }
    }
}
