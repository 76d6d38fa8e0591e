package katas.support;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.core.io.InputStatus;

/**
 * The numbers {@code from} to {@code to}, split evenly over the source's subtasks, and emitted by each
 * subtask in batches of {@code batchSize}, one batch per checkpoint: a subtask emits a whole batch at once
 * (no checkpoint barrier can fall inside it), then waits until a checkpoint taken after that batch has
 * completed before it emits the next. So each completed checkpoint covers at most one batch of each subtask,
 * and each batch lies in exactly one checkpoint, however slow the machine: what a file sink writes per
 * checkpoint depends on the data alone, never on timing. Without checkpoints it emits one batch and waits
 * for ever.
 */
public final class CheckpointPacedNumbers extends NumberSequenceSource {

    private static final long serialVersionUID = 1L;

    private final int batchSize;

    public CheckpointPacedNumbers(long from, long to, int batchSize) {
        super(from, to);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        this.batchSize = batchSize;
    }

    @Override
    public SourceReader<Long, NumberSequenceSplit> createReader(SourceReaderContext context) {
        return new PacedReader(context, batchSize);
    }

    /** Reads the one split its subtask is given, a batch per checkpoint. */
    private static final class PacedReader implements SourceReader<Long, NumberSequenceSplit> {
        private static final long NONE = Long.MAX_VALUE;

        private final SourceReaderContext context;
        private final int batchSize;
        private CompletableFuture<Void> available = new CompletableFuture<>();
        private NumberSequenceSplit split;
        private boolean noMoreSplits;
        private long next;
        /** A batch was emitted and no checkpoint has completed since that covers it. */
        private boolean waiting;
        /** The first checkpoint taken after the batch emitted last: the one whose completion releases the next. */
        private long coveringCheckpoint = NONE;

        PacedReader(SourceReaderContext context, int batchSize) {
            this.context = context;
            this.batchSize = batchSize;
        }

        @Override
        public void start() {
            context.sendSplitRequest(); // one split per subtask: never a second, so the split does not move
        }

        @Override
        public InputStatus pollNext(ReaderOutput<Long> output) {
            if (split == null) {
                return noMoreSplits ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
            }
            if (next > split.to()) {
                return InputStatus.END_OF_INPUT;
            }
            if (waiting) {
                return InputStatus.NOTHING_AVAILABLE;
            }
            long last = Math.min(split.to(), next + batchSize - 1);
            for (long number = next; number <= last; number++) {
                output.collect(number);
            }
            next = last + 1;
            if (next > split.to()) {
                return InputStatus.END_OF_INPUT;
            }
            waiting = true;
            available = new CompletableFuture<>();
            return InputStatus.NOTHING_AVAILABLE;
        }

        @Override
        public List<NumberSequenceSplit> snapshotState(long checkpointId) {
            if (waiting && coveringCheckpoint == NONE) {
                coveringCheckpoint = checkpointId;
            }
            return split == null || next > split.to()
                    ? List.of()
                    : List.of(new NumberSequenceSplit(split.splitId(), next, split.to()));
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (waiting && checkpointId >= coveringCheckpoint) {
                waiting = false;
                coveringCheckpoint = NONE;
                available.complete(null);
            }
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return available;
        }

        @Override
        public void addSplits(List<NumberSequenceSplit> splits) {
            if (split != null || splits.size() != 1) {
                throw new IllegalStateException("expected one split per subtask, got " + splits);
            }
            split = splits.get(0);
            next = split.from();
            available.complete(null);
        }

        @Override
        public void notifyNoMoreSplits() {
            noMoreSplits = true;
            available.complete(null);
        }

        @Override
        public void close() {}
    }
}
