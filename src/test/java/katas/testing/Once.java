package katas.testing;

import java.util.function.Supplier;

/**
 * A value computed on first use and kept for the rest of a test class, for what costs a Spark job (a
 * read, a query run): with {@code @TestInstance(PER_CLASS)} each is then paid once per run. A failure is
 * not kept, so every test that needs the value reports it (a stub's "not implemented yet" included).
 */
public final class Once<T> implements Supplier<T> {

    private final Supplier<T> compute;
    private T value;

    private Once(Supplier<T> compute) {
        this.compute = compute;
    }

    public static <T> Once<T> of(Supplier<T> compute) {
        return new Once<>(compute);
    }

    @Override
    public T get() {
        if (value == null) {
            value = compute.get();
        }
        return value;
    }
}
