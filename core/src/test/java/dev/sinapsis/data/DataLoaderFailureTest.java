package dev.sinapsis.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Shape;
import java.time.Duration;
import java.util.Iterator;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Whatever the producer thread throws, an Error included, reaches the consumer: no hang. */
class DataLoaderFailureTest {
    /** Ten examples; reading example {@code failAt} throws what {@code failure} makes. */
    private static Dataset failingAt(int failAt, Supplier<Throwable> failure) {
        return new Dataset() {
            @Override
            public int size() {
                return 10;
            }

            @Override
            public Shape inputShape() {
                return Shape.of(2);
            }

            @Override
            public DType inputType() {
                return DType.F32;
            }

            @Override
            public void copyInput(int index, Object dst, int offset) {
                if (index == failAt) {
                    sneakyThrow(failure.get());
                }
                ((float[]) dst)[offset] = index;
            }

            @Override
            public long target(int index) {
                return 0;
            }

            @Override
            public int numClasses() {
                return 1;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    /** Iterates the whole epoch on the consumer (no backend needed: only hasNext is called). */
    private static Throwable consume(Dataset d) {
        DataLoader loader = DataLoader.builder(d).batchSize(3).build();
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Iterator<Batch> it = loader.epoch(0).iterator();
            return assertThrows(Throwable.class, () -> {
                while (it.hasNext()) {
                    it.next().close();
                }
            });
        });
    }

    @Test
    void outOfMemoryErrorInTheProducerReachesTheConsumer() {
        OutOfMemoryError oom = new OutOfMemoryError("test: Java heap space");
        assertSame(oom, consume(failingAt(0, () -> oom)));
    }

    @Test
    void assertionErrorInTheProducerReachesTheConsumer() {
        AssertionError boom = new AssertionError("test: broken invariant");
        assertSame(boom, consume(failingAt(0, () -> boom)));
    }

    @Test
    void runtimeExceptionKeepsItsType() {
        DatasetException bad = new DatasetException("test.idx: bad record");
        assertSame(bad, consume(failingAt(0, () -> bad)));
    }

    @Test
    void checkedExceptionIsWrapped() {
        Exception checked = new java.io.IOException("test: disk gone");
        Throwable t = consume(failingAt(0, () -> checked));
        assertTrue(t instanceof IllegalStateException, t.toString());
        assertSame(checked, t.getCause());
        assertTrue(t.getMessage().contains("disk gone"), t.getMessage());
    }

    @Test
    void theFailureIsRethrownAgainOnTheNextCall() {
        DataLoader loader = DataLoader.builder(failingAt(0, () -> new StackOverflowError("test"))).batchSize(3).build();
        Iterator<Batch> it = loader.epoch(0).iterator();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThrows(StackOverflowError.class, it::hasNext);
            assertThrows(StackOverflowError.class, it::hasNext);
        });
        assertEquals(4, loader.batchesPerEpoch());
    }
}
