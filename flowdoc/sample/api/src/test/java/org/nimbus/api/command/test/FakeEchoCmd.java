// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.command.test;

import org.nimbus.api.APICommand;
import org.nimbus.api.ApiConstants;
import org.nimbus.api.BaseCmd;
import org.nimbus.api.Parameter;
import org.nimbus.api.response.SuccessResponse;

/**
 * Test-only command used by unit tests of the dispatcher. Not part of the product API.
 */
@APICommand(name = "fakeEcho", description = "Echoes its input; exists only in the test sources.",
        responseObject = SuccessResponse.class)
public class FakeEchoCmd extends BaseCmd {

    @Parameter(name = ApiConstants.NAME, type = CommandType.STRING, required = true, description = "text to echo")
    private String text;

    @Override
    public void execute() {
        SuccessResponse response = new SuccessResponse(getCommandName());
        response.setDisplayText(text);
        setResponseObject(response);
    }
}
