package net.aisj.core.etl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.aisj.core.AisException;

/**
 * An ETL's init message (AIS {@code ETLSpecMsg}) once parsed and checked: the name, how the target talks to the
 * transformer, the timeouts, and what to run. The message as the user sent it is kept verbatim in {@code initMsg}
 * ({@code GET /v1/etl/<name>} shows it back as AIS does).
 *
 * @param name             6 to 32 characters of {@code [a-z0-9-]} (AIS's rule)
 * @param communication    {@code hpush://}, {@code hpull://} or {@code ws://}
 * @param initTimeoutMillis how long every target's transformer has to become healthy
 * @param objTimeoutMillis  how long one object's exchange with the transformer may take
 * @param directPut        the transformer may write results straight to the destination target
 * @param image            {@code runtime.image} (may be empty when a command is given)
 * @param command          {@code runtime.command}: what the node runs (empty: resolved from the image, if known)
 * @param podCommand       the pod-spec form's container command and arguments: run when the image is not in the
 *                         node's image table (that command names files inside the image); empty otherwise
 * @param env              {@code runtime.env} then the top-level {@code env}, in order
 * @param url              our extension {@code runtime.url}: attach to a transformer already running there (any
 *                         language, any host the node may reach) instead of starting one; empty otherwise
 * @param restartMax       our extension {@code restart_max}: how often a transformer that exits is restarted before
 *                         the ETL is aborted (-1: the node's default; 0: abort at once, as AIS)
 * @param initMsg          the init message as received (JSON text)
 */
public record EtlSpec(
        String name,
        String communication,
        long initTimeoutMillis,
        long objTimeoutMillis,
        boolean directPut,
        String image,
        List<String> command,
        List<String> podCommand,
        Map<String, String> env,
        String url,
        int restartMax,
        String initMsg) {

    public static final String HPUSH = "hpush://";
    public static final String HPULL = "hpull://";
    public static final String WS = "ws://";

    /** Defaults of the SDK and the docs (AIS's Go code uses 45 s / 10 s when the message has none). */
    public static final long DEFAULT_INIT_TIMEOUT_MILLIS = 5 * 60_000L;

    public static final long DEFAULT_OBJ_TIMEOUT_MILLIS = 45_000L;

    private static final int MIN_NAME = 6;
    private static final int MAX_NAME = 32;

    /** Checks everything but the runtime (see {@link #validate}). */
    public EtlSpec {
        validateName(name);
        communication = normalizeComm(communication);
        image = image == null ? "" : image;
        url = url == null ? "" : url.trim().replaceAll("/+$", "");
        command = command == null ? List.of() : List.copyOf(command);
        podCommand = podCommand == null ? List.of() : List.copyOf(podCommand);
        env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        initMsg = initMsg == null ? "" : initMsg;
        if (initTimeoutMillis <= 0) {
            initTimeoutMillis = DEFAULT_INIT_TIMEOUT_MILLIS;
        }
        if (objTimeoutMillis <= 0) {
            objTimeoutMillis = DEFAULT_OBJ_TIMEOUT_MILLIS;
        }
    }

    /**
     * The checks AIS makes on an init message beyond the name: a runtime to run, and {@code ws://} only with
     * direct put.
     *
     * @throws AisException BAD_REQUEST naming the ETL
     */
    public EtlSpec validate() {
        if (command.isEmpty() && podCommand.isEmpty() && image.isEmpty() && url.isEmpty()) {
            throw AisException.badRequest(
                    "etl job " + name + ": the spec needs runtime.command or runtime.image (nothing to run)");
        }
        if (!url.isEmpty() && !url.matches("https?://[^/?#]+")) {
            throw AisException.badRequest(
                    "etl job " + name + ": runtime.url must be http(s)://host:port, not \"" + url + "\"");
        }
        if (communication.equals(WS) && !directPut) {
            throw AisException.badRequest(
                    "etl job " + name + ": communication " + WS + " requires support_direct_put=true");
        }
        return this;
    }

    /**
     * AIS's name rule ({@code k8s.ValidateEtlName}).
     *
     * @throws AisException BAD_REQUEST with AIS's wording
     */
    public static void validateName(String name) {
        String n = name == null ? "" : name;
        String prefix = "ETL name \"" + n + "\" ";
        if (n.isEmpty()) {
            throw AisException.badRequest(prefix + "is empty");
        }
        if (n.length() < MIN_NAME) {
            throw AisException.badRequest(prefix + "is too short");
        }
        if (n.length() > MAX_NAME) {
            throw AisException.badRequest(prefix + "is too long");
        }
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                throw AisException.badRequest(prefix + "is invalid: can only contain [a-z0-9-]");
            }
        }
    }

    /** {@code hpush://} when empty; {@code "://"} added when missing, as AIS does; anything else refused. */
    static String normalizeComm(String comm) {
        String c = comm == null || comm.isBlank() ? HPUSH : comm.trim();
        if (!c.endsWith("://")) {
            c = c + "://";
        }
        if (!c.equals(HPUSH) && !c.equals(HPULL) && !c.equals(WS)) {
            throw AisException.badRequest("unknown communication type \"" + comm + "\" (expected one of " + HPUSH + ", "
                    + HPULL + ", " + WS + ")");
        }
        return c;
    }
}
