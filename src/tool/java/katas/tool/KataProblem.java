package katas.tool;

/** A problem with the learner's input or workspace: reported as one line, without a stack trace. */
public final class KataProblem extends RuntimeException {
    public KataProblem(String message) {
        super(message);
    }
}
