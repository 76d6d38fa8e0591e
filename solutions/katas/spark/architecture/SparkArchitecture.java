package katas.spark.architecture;

/**
 * Guide 3.1, 1.2, 1.4: Spark architecture: driver, executors, closures and the DAG.
 *
 * <p>The task as an interviewer would state it, the guide's input and the output the engine gives.
 */
public final class SparkArchitecture {

    private SparkArchitecture() {}

    /** What the learner writes, in one sentence. */
    public static String answer() {
        // @kata:solution
        return "the reference answer";
        // @kata:end
    }

    public static void main(String[] args) {
        System.out.println(answer());
    }
}
