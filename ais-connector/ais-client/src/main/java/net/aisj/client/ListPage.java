package net.aisj.client;

import java.util.List;

/**
 * One page of a bucket's listing: its entries in name order and the token of the next page (empty after the last).
 */
public record ListPage(List<ObjectEntry> entries, String continuationToken) {

    public ListPage {
        entries = List.copyOf(entries);
    }

    public boolean last() {
        return continuationToken.isEmpty();
    }
}
