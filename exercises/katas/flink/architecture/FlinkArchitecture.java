package katas.flink.architecture;
import katas.support.NotImplementedYet;

/**
 * Guide 4.1, 4.2: Flink's architecture: slots, chaining and a TaskManager lost mid-job.
 *
 * <p>The task as an interviewer would state it, the guide's input and the output the engine gives.
 */
public final class FlinkArchitecture {

    private FlinkArchitecture() {}

    /** What the learner writes, in one sentence. */
    public static String answer() {
        throw new NotImplementedYet();
    }

    public static void main(String[] args) {
        System.out.println(answer());
    }
}
