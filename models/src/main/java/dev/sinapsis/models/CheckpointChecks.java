package dev.sinapsis.models;

import dev.sinapsis.data.DatasetException;
import dev.sinapsis.io.CheckpointException;
import dev.sinapsis.tensor.DType;
import dev.sinapsis.tensor.Tensor;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/** Checks of what a checkpoint holds beyond its format: values a run can go on from, data it can find. */
public final class CheckpointChecks {
    private CheckpointChecks() {
    }

    /**
     * Throws unless every floating-point tensor of {@code tensors} (read from {@code file}) is finite:
     * a NaN or infinite weight comes from a corrupt file or a diverged run, and would only turn
     * into NaN predictions or losses later.
     *
     * @throws CheckpointException naming the file, the tensor and the element
     */
    public static void requireFinite(Path file, Map<String, Tensor> tensors) throws CheckpointException {
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            DType d = e.getValue().dtype();
            if (d != DType.F32 && d != DType.F64) {
                continue;
            }
            double[] v = e.getValue().toDoubleArray();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    throw new CheckpointException(file, "tensor '" + e.getKey() + "' element " + i + " is " + v[i]
                            + " (a corrupt file, or a run that diverged); it cannot be used");
                }
            }
        }
    }

    /**
     * Loads the data a checkpoint's run was trained on; if that fails, the error names the
     * checkpoint too, since the user did not name the data.
     *
     * @throws DatasetException naming {@code file}, the data source and what is wrong with it
     */
    public static <T> T trainedData(Path file, String source, Supplier<T> load) {
        try {
            return load.get();
        } catch (DatasetException e) {
            throw new DatasetException(file + ": the run was trained on --data " + source
                    + ", which cannot be loaded: " + e.getMessage(), e);
        }
    }
}
