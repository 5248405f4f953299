package net.aisj.connector.fs;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Per-object read/write locks, striped by uname (AIS's name-locker). Writers (commit rename, delete, rename,
 * metadata update) take the write lock; readers take the read lock only while opening the file and reading its
 * metadata, then stream without it. Two names are always locked in stripe order, so pairs never deadlock.
 * Thread-safe.
 */
final class NameLocks {

    static final int STRIPES = 1024;

    private final ReentrantReadWriteLock[] stripes = new ReentrantReadWriteLock[STRIPES];

    NameLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantReadWriteLock();
        }
    }

    static int stripe(String uname) {
        int h = uname.hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h & (STRIPES - 1);
    }

    Lock read(String uname) {
        return stripes[stripe(uname)].readLock();
    }

    Lock write(String uname) {
        return stripes[stripe(uname)].writeLock();
    }

    /** An already acquired set of locks; {@link #close()} releases them (use in try-with-resources). */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    Held lockRead(String uname) {
        Lock l = read(uname);
        l.lock();
        return l::unlock;
    }

    Held lockWrite(String uname) {
        Lock l = write(uname);
        l.lock();
        return l::unlock;
    }

    /** Write-locks two names in a stable (stripe) order; one lock when they share a stripe. */
    Held lockWrite(String a, String b) {
        int sa = stripe(a);
        int sb = stripe(b);
        if (sa == sb) {
            return lockWrite(a);
        }
        Lock first = stripes[Math.min(sa, sb)].writeLock();
        Lock second = stripes[Math.max(sa, sb)].writeLock();
        first.lock();
        try {
            second.lock();
        } catch (RuntimeException e) {
            first.unlock();
            throw e;
        }
        return () -> {
            second.unlock();
            first.unlock();
        };
    }
}
