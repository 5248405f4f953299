package net.aisj.service.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import net.aisj.core.AisException;

/**
 * Fetches items in parallel and hands them out in their original order: at most {@code window} fetches are in
 * flight or waiting; an item of at most {@code bufferLimit} bytes is read into memory by its fetch (so small
 * remote objects arrive concurrently), a larger one stays an open stream until its turn. Memory is thus bounded
 * by {@code window * bufferLimit}. Used by one consumer thread; the fetches run on {@code executor}.
 *
 * @param <T> the item type
 */
final class Prefetcher<T> implements AutoCloseable {

    /** One item's outcome: {@code fetched} or {@code error} (then {@code fetched} is null). */
    record Result<T>(T item, Fetched fetched, AisException error) {}

    private final ExecutorService executor;
    private final Iterator<T> items;
    private final Function<T, Fetched> fetch;
    private final int window;
    private final long bufferLimit;
    private final Deque<Future<Result<T>>> inFlight = new ArrayDeque<>();

    Prefetcher(ExecutorService executor, Iterator<T> items, Function<T, Fetched> fetch, int window, long bufferLimit) {
        this.executor = executor;
        this.items = items;
        this.fetch = fetch;
        this.window = Math.max(1, window);
        this.bufferLimit = bufferLimit;
        fill();
    }

    boolean hasNext() {
        return !inFlight.isEmpty();
    }

    /** The next item in order, waiting for its fetch. */
    Result<T> next() {
        Future<Result<T>> f = inFlight.removeFirst();
        fill();
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AisException(AisException.Kind.UNAVAILABLE, "interrupted while gathering");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof AisException a ? a : new AisException(AisException.Kind.INTERNAL, String.valueOf(c), c);
        }
    }

    private void fill() {
        while (inFlight.size() < window && items.hasNext()) {
            T item = items.next();
            inFlight.addLast(executor.submit(() -> load(item)));
        }
    }

    private Result<T> load(T item) {
        Fetched f;
        try {
            f = fetch.apply(item);
        } catch (AisException e) {
            return new Result<>(item, null, e);
        }
        if (f.size() < 0 || f.size() > bufferLimit) {
            return new Result<>(item, f, null);
        }
        try (f) {
            byte[] b = f.in().readNBytes((int) f.size());
            if (b.length != f.size()) {
                throw new IOException("got " + b.length + " of " + f.size() + " bytes");
            }
            return new Result<>(item, new Fetched(b.length, f.mtimeMillis(), new ByteArrayInputStream(b), null), null);
        } catch (IOException e) {
            return new Result<>(
                    item,
                    null,
                    new AisException(AisException.Kind.UNAVAILABLE, "reading " + item + ": " + e.getMessage(), e));
        }
    }

    /** Cancels what is pending and releases what was fetched but not handed out. */
    @Override
    public void close() {
        for (Future<Result<T>> f : inFlight) {
            if (!f.cancel(true)) {
                try {
                    Result<T> r = f.get();
                    if (r.fetched() != null) {
                        r.fetched().close();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                    // nothing held
                }
            }
        }
        inFlight.clear();
    }
}
