package net.aisj.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on stderr for a transfer of known size: bytes, percent and rate, redrawn at most every 200 ms and
 * finished with a newline. Counts what passes through the stream it wraps. Used by one thread.
 */
final class Progress extends FilterInputStream {

    private final PrintStream out;
    private final String label;
    private final long total;
    private final long started = System.nanoTime();
    private long done;
    private long drawn;

    Progress(InputStream in, PrintStream out, String label, long total) {
        super(in);
        this.out = out;
        this.label = label;
        this.total = total;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        super.close();
        draw();
        out.println();
    }

    private void advance(long n) {
        done += n;
        long now = System.nanoTime();
        if (now - drawn > 200_000_000L || done == total) {
            drawn = now;
            draw();
        }
    }

    private void draw() {
        double secs = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        int pct = total <= 0 ? 100 : (int) (done * 100 / total);
        int filled = pct * 30 / 100;
        out.print(String.format(
                Locale.ROOT,
                "\r%s [%s%s] %3d%% %s/%s %s/s",
                label,
                "=".repeat(filled),
                " ".repeat(30 - filled),
                pct,
                size(done),
                size(total),
                size((long) (done / secs))));
        out.flush();
    }

    /** Sizes as AIS's CLI prints them (KiB, MiB, ...). */
    static String size(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + "B" : String.format(Locale.ROOT, "%.2f%s", v, units[u]);
    }
}
