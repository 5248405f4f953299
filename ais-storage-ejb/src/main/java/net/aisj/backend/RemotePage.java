package net.aisj.backend;

import java.util.List;

/**
 * One page of a remote listing.
 *
 * @param nextToken pass it back for the next page; "" when this is the last page
 */
public record RemotePage(List<RemoteObject> entries, String nextToken) {

    public RemotePage {
        entries = List.copyOf(entries);
        nextToken = nextToken == null ? "" : nextToken;
    }
}
