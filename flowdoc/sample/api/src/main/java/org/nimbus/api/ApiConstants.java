// flowdoc sample tree: written for flowdoc's tests and demo, not CloudStack code.
package org.nimbus.api;

/**
 * Request and response key names used across the API.
 */
public class ApiConstants {
    public static final String ACCOUNT = "account";
    public static final String ALLOCATION_STATE = "allocationstate";
    public static final String CIDR = "cidr";
    public static final String COMMAND = "command";
    public static final String COUNT = "count";
    public static final String CREATED = "created";
    public static final String DESCRIPTION = "description";
    public static final String DETAILS = "details";
    public static final String DEVICE_ID = "deviceid";
    public static final String DISPLAY_NAME = "displayname";
    public static final String DISPLAY_TEXT = "displaytext";
    public static final String DOMAIN = "domain";
    public static final String DOMAIN_ID = "domainid";
    public static final String EXPUNGE = "expunge";
    public static final String HOST_ID = "hostid";
    public static final String HOST_NAME = "hostname";
    public static final String HOST_TAGS = "hosttags";
    public static final String HYPERVISOR = "hypervisor";
    public static final String ID = "id";
    public static final String IDS = "ids";
    public static final String IMAGE_ID = "imageid";
    public static final String INSTANCE_ID = "instanceid";
    public static final String IP_ADDRESS = "ipaddress";
    public static final String IS_DEFAULT = "isdefault";
    public static final String JOB_ID = "jobid";
    public static final String JOB_STATUS = "jobstatus";
    public static final String KEYWORD = "keyword";
    public static final String LIST_ALL = "listall";
    public static final String MAC_ADDRESS = "macaddress";
    public static final String NAME = "name";
    public static final String NETWORK_ID = "networkid";
    public static final String NETWORK_IDS = "networkids";
    public static final String NETWORK_TYPE = "networktype";
    public static final String NIC = "nic";
    public static final String OFFERING_ID = "offeringid";
    public static final String PAGE = "page";
    public static final String PAGE_SIZE = "pagesize";
    public static final String PASSWORD = "password";
    public static final String PLANNER = "planner";
    public static final String PROVIDER = "provider";
    public static final String RESPONSE = "response";
    public static final String SNAPSHOT_ID = "snapshotid";
    public static final String STATE = "state";
    public static final String SUCCESS = "success";
    public static final String TOKEN = "token";
    public static final String TYPE = "type";
    public static final String URL = "url";
    public static final String USERNAME = "username";
    public static final String ZONE_ID = "zoneid";
    public static final String ZONE_NAME = "zonename";

    public static final String DISK_PREFIX = "disk";
    public static final String DISK_ID = DISK_PREFIX + "id";
    public static final String DISK_SIZE = DISK_PREFIX + "size";
    public static final String DISK_OFFERING_ID = DISK_PREFIX + "offeringid";
}
