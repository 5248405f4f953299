package net.aisj.service.s3;

import net.aisj.core.AisException;

/** A multipart-upload rule that failed; transports map {@link #problem()} to their own codes. */
public class MultipartException extends AisException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Problem {
        /** the upload does not exist (never created, completed or aborted) */
        NO_SUCH_UPLOAD,
        /** a listed part does not exist or its ETag differs */
        INVALID_PART,
        /** the parts are not listed in ascending part-number order */
        INVALID_PART_ORDER,
        /** a part other than the last is smaller than {@link MultipartService#MIN_PART_SIZE} */
        ENTITY_TOO_SMALL,
        /** the completion request names no part, or a part number out of range */
        MALFORMED
    }

    private final Problem problem;

    public MultipartException(Problem problem, String message) {
        super(problem == Problem.NO_SUCH_UPLOAD ? Kind.NOT_FOUND : Kind.BAD_REQUEST, message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
