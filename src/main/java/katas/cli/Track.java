package katas.cli;

/** Which source root an exercise runs from: the learner's stubs or the reference. */
enum Track {
    EXERCISES("exercises"),
    SOLUTIONS("solutions");

    final String folder;

    Track(String folder) {
        this.folder = folder;
    }

    static Track of(boolean solution) {
        return solution ? SOLUTIONS : EXERCISES;
    }
}
