package katas.tool.bench;

/** How large the generated inputs are: rows of the big side, and rounds measured after one warm-up round. */
public enum Scale {
    /** A smoke test: every lesson runs, nothing is large enough to mean anything. */
    TINY(20_000, 1),
    /** A lesson within about a minute on 2 cores. */
    DEFAULT(1_000_000, 3),
    /** Ten times the rows, for a machine with time. */
    LARGE(10_000_000, 3);

    final long rows;
    final int rounds;

    Scale(long rows, int rounds) {
        this.rows = rows;
        this.rounds = rounds;
    }
}
