package net.aisj.web.nat;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The node's recent log, served as AIS's {@code GET /v1/daemon?what=log} (text, one line per record in AIS's glog
 * style: {@code I 05:12:01.123 logger message}). Bounded: the last {@value #MAX_RECORDS} records of level INFO and
 * above, at most {@value #MAX_CHARS} characters in all; older ones are dropped (the full log is the process's
 * console). Thread-safe.
 */
@ApplicationScoped
public class NodeLog {

    static final int MAX_RECORDS = 5000;
    static final int MAX_CHARS = 2 << 20;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private final Deque<Line> lines = new ArrayDeque<>();
    private long chars;
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.INFO.intValue()) {
                add(r);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private record Line(int level, String text) {}

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        Logger.getLogger("").addHandler(handler);
    }

    @PreDestroy
    void stop() {
        Logger.getLogger("").removeHandler(handler);
    }

    private void add(LogRecord r) {
        String msg = r.getMessage() == null ? "" : r.getMessage();
        if (r.getParameters() != null && r.getParameters().length > 0 && msg.contains("{0")) {
            try {
                msg = java.text.MessageFormat.format(msg, r.getParameters());
            } catch (IllegalArgumentException e) {
                // keep the pattern as logged
            }
        }
        if (r.getThrown() != null) {
            msg = msg + ": " + r.getThrown();
        }
        msg = msg.replace("\r", "").replace('\n', ' '); // one line per record, as AIS's log has
        int level = r.getLevel().intValue();
        String text = severity(level) + " " + TIME.format(Instant.ofEpochMilli(r.getMillis())) + " "
                + (r.getLoggerName() == null ? "" : r.getLoggerName() + " ") + msg;
        synchronized (lines) {
            lines.addLast(new Line(level, text));
            chars += text.length() + 1;
            while (lines.size() > MAX_RECORDS || chars > MAX_CHARS) {
                chars -= lines.removeFirst().text().length() + 1;
            }
        }
    }

    private static char severity(int level) {
        return level >= Level.SEVERE.intValue() ? 'E' : level >= Level.WARNING.intValue() ? 'W' : 'I';
    }

    /**
     * The kept records at or above a severity: AIS's {@code info} (or empty), {@code warning}, {@code error} (also
     * their first letters).
     */
    String text(String severity) {
        int min = switch (severity == null ? "" : severity.toLowerCase(java.util.Locale.ROOT)) {
            case "", "i", "info" -> Level.INFO.intValue();
            case "w", "warn", "warning" -> Level.WARNING.intValue();
            case "e", "err", "error" -> Level.SEVERE.intValue();
            default ->
                throw net.aisj.core.AisException.badRequest(
                        "invalid log severity \"" + severity + "\" (expected info, warning or error)");
        };
        StringBuilder b = new StringBuilder();
        synchronized (lines) {
            for (Line l : lines) {
                if (l.level() >= min) {
                    b.append(l.text()).append('\n');
                }
            }
        }
        return b.toString();
    }
}
