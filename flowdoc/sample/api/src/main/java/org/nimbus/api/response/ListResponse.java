// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api.response;

import java.util.ArrayList;
import java.util.List;

import org.nimbus.api.BaseResponse;
import org.nimbus.api.ResponseObject;

/**
 * A page of results plus the total number of matching rows.
 */
public class ListResponse<T extends ResponseObject> extends BaseResponse {

    private List<T> responses = new ArrayList<T>();
    private Integer count;

    public List<T> getResponses() {
        return responses;
    }

    public void setResponses(List<T> responses) {
        this.responses = responses;
        this.count = responses == null ? 0 : responses.size();
    }

    public void setResponses(List<T> responses, Integer count) {
        this.responses = responses;
        this.count = count;
    }

    public Integer getCount() {
        return count;
    }
}
