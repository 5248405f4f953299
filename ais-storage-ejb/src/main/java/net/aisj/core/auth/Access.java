package net.aisj.core.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * AIS's permission bits ({@code apc.Ace*}) and their named combinations. A permission set travels as the decimal
 * string of an unsigned 64-bit mask ({@code "perm":"771"}); {@link #ALL} is all 64 bits, as AIS's
 * {@code AccessAll}.
 */
public final class Access {

    public static final long GET = 1;
    public static final long HEAD_OBJECT = 1L << 1;
    public static final long PUT = 1L << 2;
    public static final long APPEND = 1L << 3;
    public static final long DELETE_OBJECT = 1L << 4;
    public static final long MOVE_OBJECT = 1L << 5;
    public static final long PROMOTE = 1L << 6;
    public static final long UPDATE_OBJECT = 1L << 7;
    public static final long HEAD_BUCKET = 1L << 8;
    public static final long LIST_OBJECTS = 1L << 9;
    public static final long PATCH = 1L << 10;
    public static final long SET_BUCKET_ACL = 1L << 11;
    public static final long LIST_BUCKETS = 1L << 12;
    public static final long SHOW_CLUSTER = 1L << 13;
    public static final long CREATE_BUCKET = 1L << 14;
    public static final long DESTROY_BUCKET = 1L << 15;
    public static final long MOVE_BUCKET = 1L << 16;
    public static final long ADMIN = 1L << 17;

    /** {@code ro}: GET, HEAD-OBJECT, HEAD-BUCKET, LIST-OBJECTS (771). */
    public static final long RO = GET | HEAD_OBJECT | HEAD_BUCKET | LIST_OBJECTS;
    /** {@code rw}: RO plus PUT, APPEND, DELETE-OBJECT, MOVE-OBJECT (831; PROMOTE deliberately not). */
    public static final long RW = RO | PUT | APPEND | DELETE_OBJECT | MOVE_OBJECT;
    /** PATCH, SET-BUCKET-ACL, UPDATE-OBJECT (3200). */
    public static final long BUCKET_ADMIN = PATCH | SET_BUCKET_ACL | UPDATE_OBJECT;
    /** LIST-BUCKETS, SHOW-CLUSTER (12288). */
    public static final long CLUSTER_RO = LIST_BUCKETS | SHOW_CLUSTER;
    /** CLUSTER_RO plus CREATE/DESTROY/MOVE-BUCKET (126976). */
    public static final long CLUSTER_RW = CLUSTER_RO | CREATE_BUCKET | DESTROY_BUCKET | MOVE_BUCKET;
    /** The bits checked against a cluster ACL alone. */
    public static final long CLUSTER_BITS = CLUSTER_RW | ADMIN;
    /** The bits a bucket ACL may decide. */
    public static final long BUCKET_BITS = RW | BUCKET_ADMIN | PROMOTE;
    /** Everything ({@code su}, all 64 bits): the default {@code access} of a new bucket. */
    public static final long ALL = -1L;
    /** Nothing. */
    public static final long NONE = 0;

    private static final String[] NAMES = {
        "GET",
        "HEAD-OBJECT",
        "PUT",
        "APPEND",
        "DELETE-OBJECT",
        "MOVE-OBJECT",
        "PROMOTE",
        "UPDATE-OBJECT",
        "HEAD-BUCKET",
        "LIST-OBJECTS",
        "PATCH",
        "SET-BUCKET-ACL",
        "LIST-BUCKETS",
        "SHOW-CLUSTER",
        "CREATE-BUCKET",
        "DESTROY-BUCKET",
        "MOVE-BUCKET",
        "ADMIN"
    };

    private Access() {}

    /**
     * A permission mask from its wire form: the decimal string of an unsigned 64-bit number; empty or null is
     * {@link #NONE}.
     *
     * @throws IllegalArgumentException not a number in range
     */
    public static long parse(String s) {
        if (s == null || s.isBlank()) {
            return NONE;
        }
        try {
            return Long.parseUnsignedLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid permission mask \"" + s + "\": expected an unsigned decimal");
        }
    }

    /** The wire form of {@code mask} (unsigned decimal). */
    public static String format(long mask) {
        return Long.toUnsignedString(mask);
    }

    /** The names of the bits set in {@code mask}, for messages ({@code GET,PUT}). */
    public static String describe(long mask) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            if ((mask & (1L << i)) != 0) {
                out.add(NAMES[i]);
            }
        }
        return out.isEmpty() ? "none" : String.join(",", out);
    }
}
