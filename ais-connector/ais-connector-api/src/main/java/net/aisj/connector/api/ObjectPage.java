package net.aisj.connector.api;

import java.io.Serializable;
import java.util.List;

/**
 * A page of names in UTF-8 binary order.
 *
 * @param entries   sorted, no duplicates
 * @param nextToken the name to pass as {@code startAfter} for the next page, or "" when this is the last page
 */
public record ObjectPage(List<ListEntry> entries, String nextToken) implements Serializable {

    public ObjectPage {
        entries = List.copyOf(entries);
        nextToken = nextToken == null ? "" : nextToken;
    }
}
