package net.aisj.connector.api;

import java.io.Serializable;

/**
 * One page of a bucket listing on this node.
 *
 * @param prefix      only names starting with it ("" for all)
 * @param startAfter  exclusive lower bound (the previous page's last name or a client's start_after), "" for none
 * @param pageSize    at most this many entries (1..10000)
 * @param noRecursion AIS {@code LsNoRecursion}: stop at the next '/' after the prefix and report the "directory"
 *                    once as an entry with {@link ListEntry#dir()} set
 * @param nameOnly    AIS {@code LsNameOnly}: names only, no metadata read
 */
public record ListRequest(String prefix, String startAfter, int pageSize, boolean noRecursion, boolean nameOnly)
        implements Serializable {

    public static final int MAX_PAGE = 10_000;

    public ListRequest {
        prefix = prefix == null ? "" : prefix;
        startAfter = startAfter == null ? "" : startAfter;
        if (pageSize <= 0 || pageSize > MAX_PAGE) {
            pageSize = MAX_PAGE;
        }
    }
}
