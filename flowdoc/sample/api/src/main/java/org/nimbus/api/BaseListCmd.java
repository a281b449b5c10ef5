// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api;

/**
 * Common paging and search parameters for every list API.
 */
public abstract class BaseListCmd extends BaseCmd {

    public static final int DEFAULT_PAGE_SIZE = 500;

    @Parameter(name = ApiConstants.KEYWORD, type = CommandType.STRING, description = "free text to filter the results")
    private String keyword;

    @Parameter(name = ApiConstants.PAGE, type = CommandType.INTEGER, description = "page number, starting at 1")
    private Integer page;

    @Parameter(name = ApiConstants.PAGE_SIZE, type = CommandType.INTEGER, description = "how many rows per page")
    private Integer pageSize;

    public String getKeyword() {
        return keyword;
    }

    public Integer getPage() {
        return page;
    }

    public int getPageSizeVal() {
        if (pageSize == null || pageSize <= 0) {
            return DEFAULT_PAGE_SIZE;
        }
        return pageSize;
    }

    public int getStartIndex() {
        int current = (page == null || page < 1) ? 1 : page;
        return (current - 1) * getPageSizeVal();
    }
}
