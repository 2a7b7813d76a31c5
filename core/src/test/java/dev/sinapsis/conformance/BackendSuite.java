package dev.sinapsis.conformance;

import dev.sinapsis.backend.Backend;
import dev.sinapsis.data.DataLoaderContract;
import dev.sinapsis.io.CheckpointsContract;
import dev.sinapsis.io.SafeTensorsContract;
import dev.sinapsis.io.SafeTensorsCorruptionContract;
import dev.sinapsis.metrics.MetricsContract;
import dev.sinapsis.nn.ActivationsContract;
import dev.sinapsis.nn.AttentionContract;
import dev.sinapsis.nn.BatchNormContract;
import dev.sinapsis.nn.ConvLayersContract;
import dev.sinapsis.nn.DenseLayersContract;
import dev.sinapsis.nn.InitContract;
import dev.sinapsis.nn.LossesContract;
import dev.sinapsis.nn.ModuleContract;
import dev.sinapsis.nn.PoolingContract;
import dev.sinapsis.nn.RecurrentContract;
import dev.sinapsis.nn.RecurrentGoldenContract;
import dev.sinapsis.nn.RecurrentTrainingContract;
import dev.sinapsis.optim.OptimizerAcceptanceContract;
import dev.sinapsis.optim.OptimizerGoldenContract;
import dev.sinapsis.optim.OptimizerStateContract;
import dev.sinapsis.optim.TrainingToolsContract;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole backend test suite behind one class: every contract of the test-jar as a
 * {@link Nested} class, all run against the backend {@link #createBackend()} returns. A backend
 * mode is one subclass:
 *
 * <pre>{@code
 * class OpenClTiledSuiteTest extends BackendSuite {
 *     @Override
 *     protected Backend createBackend() {
 *         return OpenClTests.backend(OpenClBackend.GemmMode.TILED);
 *     }
 * }
 * }</pre>
 *
 * <p>The backend is created once per subclass and shared by every contract. The contracts: the op
 * conformance interfaces (F64 loop references in {@link Naive}, bit-exact Philox, gradient checks,
 * errors, views, memory and memory scopes, cumulative sums), the layers, losses, activations,
 * attention, pooling, batch norm and init against PyTorch fixtures, the optimizers (golden,
 * acceptance, state) and training tools, module state dicts, safetensors and checkpoints,
 * metrics, the data loader, the learning proofs, and every optional capability the backend
 * offers compared with the composite it replaces ({@link CapabilityContract}).
 *
 * <p>Every nested class carries a {@link Tag} with its name, so one contract of one mode runs with
 * {@code mvn test -Dtest=CpuJavaSuiteTest -Dgroups=Pooling}. Surefire 3.5 reports a nested class
 * under its declaring class ({@code BackendSuite$Pooling}) for every mode; the build configures the
 * JUnit 5 reporters to print and record the mode-qualified display name ("CpuJavaSuiteTest
 * Pooling"), and {@link ModeLabel} puts the mode in front of every assertion message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ModeLabel.class)
public abstract class BackendSuite {
    private Backend backend;

    /** The backend under test; called once for the whole suite. */
    protected abstract Backend createBackend();

    /**
     * A fresh instance of the backend under test that no other contract uses, for the tests that
     * assert exact memory counters ({@link MemoryScopeContract}). The default calls
     * {@link #createBackend()}; a mode whose {@code createBackend()} returns a shared instance
     * (the OpenCL modes) overrides it.
     */
    protected Backend createIsolatedBackend() {
        return createBackend();
    }

    /** The backend under test, created on first use and shared by every contract. */
    protected final synchronized Backend sharedBackend() {
        if (backend == null) {
            backend = createBackend();
        }
        return backend;
    }

    /** The mode's name in reports and failure messages: the subclass's simple name. */
    final String mode() {
        return getClass().getSimpleName();
    }

    /** Base of the nested classes that bind an interface contract. */
    abstract class Bound extends BackendTestBase {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }

    // ------------------------------------------------------------------ op conformance

    @Nested
    @Tag("Elementwise")
    class Elementwise extends Bound implements ElementwiseContract {
    }

    @Nested
    @Tag("Reduction")
    class Reduction extends Bound implements ReductionContract {
    }

    @Nested
    @Tag("Scan")
    class Scan extends Bound implements ScanContract {
    }

    @Nested
    @Tag("Matmul")
    class Matmul extends Bound implements MatmulContract {
    }

    @Nested
    @Tag("View")
    class View extends Bound implements ViewContract {
    }

    @Nested
    @Tag("Indexing")
    class Indexing extends Bound implements IndexingContract {
    }

    @Nested
    @Tag("Random")
    class Random extends Bound implements RandomContract {
    }

    @Nested
    @Tag("Gradient")
    class Gradient extends Bound implements GradientContract {
    }

    @Nested
    @Tag("Backward")
    class Backward extends Bound implements BackwardContract {
    }

    @Nested
    @Tag("Error")
    class Error extends Bound implements ErrorContract {
    }

    @Nested
    @Tag("Factory")
    class Factory extends Bound implements FactoryContract {
    }

    @Nested
    @Tag("Im2col")
    class Im2col extends Bound implements Im2colContract {
    }

    @Nested
    @Tag("Memory")
    class Memory extends Bound implements MemoryContract {
    }

    @Nested
    @Tag("MemoryScope")
    class MemoryScope extends MemoryScopeContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }

        @Override
        protected Backend createIsolatedBackend() {
            return BackendSuite.this.createIsolatedBackend();
        }
    }

    @Nested
    @Tag("Capabilities")
    class Capabilities extends CapabilityContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }

    @Nested
    @Tag("ConvolutionByGemm")
    class ConvolutionByGemm extends dev.sinapsis.tensor.ConvolutionByGemmContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }

    // ------------------------------------------------------------------ nn

    @Nested
    @Tag("Activations")
    class Activations extends ActivationsContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }

    @Nested
    @Tag("Attention")
    class Attention extends AttentionContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }

    @Nested
    @Tag("ModuleSummary")
    class ModuleSummary extends dev.sinapsis.nn.ModuleSummaryContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }

    @Nested
    @Tag("BatchNorm")
    class BatchNorm extends BatchNormContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }

    @Nested
    @Tag("ConvLayers")
    class ConvLayers extends ConvLayersContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }

    @Nested
    @Tag("DenseLayers")
    class DenseLayers extends DenseLayersContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }

    @Nested
    @Tag("Init")
    class Init extends InitContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }

    @Nested
    @Tag("Losses")
    class Losses extends LossesContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }

    @Nested
    @Tag("Module")
    class Module extends ModuleContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }

    @Nested
    @Tag("Pooling")
    class Pooling extends PoolingContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }

    @Nested
    @Tag("Recurrent")
    class Recurrent extends RecurrentContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }

    @Nested
    @Tag("Recurrent")
    @Tag("RecurrentTraining")
    class RecurrentTraining extends RecurrentTrainingContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }

        @Override
        protected Backend createIsolatedBackend() {
            return BackendSuite.this.createIsolatedBackend();
        }
    }

    @Nested
    @Tag("Recurrent")
    @Tag("RecurrentGolden")
    class RecurrentGolden extends RecurrentGoldenContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }

    // ------------------------------------------------------------------ optim

    @Nested
    @Tag("OptimizerGolden")
    class OptimizerGolden extends OptimizerGoldenContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }

    @Nested
    @Tag("OptimizerAcceptance")
    class OptimizerAcceptance extends OptimizerAcceptanceContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }

    @Nested
    @Tag("OptimizerState")
    class OptimizerState extends OptimizerStateContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }

    @Nested
    @Tag("TrainingTools")
    class TrainingTools extends TrainingToolsContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }

    // ------------------------------------------------------------------ io, metrics, data

    @Nested
    @Tag("SafeTensors")
    class SafeTensors extends SafeTensorsContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }

    @Nested
    @Tag("SafeTensorsCorruption")
    class SafeTensorsCorruption extends SafeTensorsCorruptionContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }

    @Nested
    @Tag("Checkpoints")
    class Checkpoints extends CheckpointsContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }

    @Nested
    @Tag("Metrics")
    class Metrics extends MetricsContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }

    @Nested
    @Tag("DataLoader")
    class DataLoader extends DataLoaderContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }

    // ------------------------------------------------------------------ learning

    @Nested
    @Tag("Learning")
    class Learning extends LearningContract {
        @Override
        protected Backend createBackend() {
            return sharedBackend();
        }
    }
}
