package dev.sinapsis.spark;

import dev.sinapsis.data.Batch;
import dev.sinapsis.data.DataLoader;
import dev.sinapsis.io.CheckpointException;
import dev.sinapsis.io.SafeTensors;
import dev.sinapsis.models.DataParallelTask;
import dev.sinapsis.models.StepContext;
import dev.sinapsis.nn.Module;
import dev.sinapsis.nn.Parameter;
import dev.sinapsis.optim.Optimizer;
import dev.sinapsis.tensor.Generator;
import dev.sinapsis.tensor.MemoryScope;
import dev.sinapsis.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskContext;

/**
 * The executor's side of a step: loads the broadcast weights into this partition's copy of the
 * task, trains on the partition's share of the batch(es) with the executor's own backend, and
 * returns a {@link Contribution}. A task is built once per run and partition and reused, but every
 * attempt starts from the broadcast state (weights, optimizer state, zeroed gradients, random
 * generators positioned by step and partition), so a retried attempt computes what the first
 * would have.
 */
final class Worker {
    private static final Map<String, DataParallelTask> TASKS = new ConcurrentHashMap<>();
    private static String currentRun;

    private Worker() {
    }

    /** This partition's task for {@code runId} (the tasks of earlier runs are dropped). */
    private static DataParallelTask task(String runId, int partition, TaskFactory factory) {
        synchronized (Worker.class) {
            if (!runId.equals(currentRun)) {
                TASKS.values().forEach(t -> {
                    t.optimizers().values().forEach(Optimizer::close);
                    t.modules().values().forEach(Module::close);
                });
                TASKS.clear();
                currentRun = runId;
            }
        }
        return TASKS.computeIfAbsent(runId + "/" + partition, k -> factory.create());
    }

    /** Sync mode: the gradients of this block's share of the request's batch. */
    static Contribution gradients(ExampleBlock block, StepRequest request, TaskFactory factory, FaultPlan faults) {
        int partition = TaskContext.getPartitionId();
        DataParallelTask task = task(request.runId(), partition, factory);
        int[] global = request.batches()[0];
        int[] local = share(block, global);
        Contribution result;
        if (local.length == 0) {
            result = Contribution.none();
        } else {
            try (MemoryScope scope = MemoryScope.open()) {
                loadState(task, request, false);
                positionGenerators(task, request.step(), partition);
                task.zeroGradients();
                double[] figures;
                try (Batch b = collate(block, local)) {
                    figures = task.accumulateGradients(b, global.length, context(request));
                }
                List<String> names = new ArrayList<>();
                List<Tensor> grads = new ArrayList<>();
                for (Map.Entry<String, Module> m : task.modules().entrySet()) {
                    for (Parameter p : m.getValue().namedParameters()) {
                        names.add(m.getKey() + "." + p.name());
                        Tensor g = p.value().grad();
                        grads.add(g != null ? g : Tensor.zeros(p.value().shape(), p.value().dtype()));
                    }
                }
                result = Contribution.of(names, grads, figures, local.length);
                task.zeroGradients();
            }
        }
        failIfPlanned(faults, request.step(), partition);
        return result;
    }

    /**
     * Average mode: this block's shares of the round's batches as local steps from the broadcast
     * state; returns the resulting parameters and optimizer state (the driver averages them).
     */
    static Contribution localSteps(ExampleBlock block, StepRequest request, TaskFactory factory, FaultPlan faults) {
        int partition = TaskContext.getPartitionId();
        DataParallelTask task = task(request.runId(), partition, factory);
        Contribution result;
        try (MemoryScope scope = MemoryScope.open()) {
            loadState(task, request, true);
            double[] figures = null;
            int examples = 0;
            for (int k = 0; k < request.batches().length; k++) {
                int[] local = share(block, request.batches()[k]);
                if (local.length == 0) {
                    continue;
                }
                positionGenerators(task, request.step() + k, partition);
                try (Batch b = collate(block, local); MemoryScope stepScope = MemoryScope.open()) {
                    task.zeroGradients();
                    double[] f = task.accumulateGradients(b, b.size(), context(request));
                    task.applyGradients();
                    figures = figures == null ? f : add(figures, f);
                }
                examples += local.length;
            }
            if (examples == 0) {
                result = Contribution.none();
            } else {
                List<String> names = new ArrayList<>();
                List<Tensor> tensors = new ArrayList<>();
                state(task, names, tensors);
                result = Contribution.of(names, tensors, figures, examples);
            }
        }
        failIfPlanned(faults, request.step(), partition);
        return result;
    }

    /** The modules' state as {@code MODULE.NAME} and the optimizers' as {@code OPTIMIZER.KEY}. */
    static void state(DataParallelTask task, List<String> names, List<Tensor> tensors) {
        for (Map.Entry<String, Module> m : task.modules().entrySet()) {
            m.getValue().stateDict().forEach((k, t) -> {
                names.add(m.getKey() + "." + k);
                tensors.add(t);
            });
        }
        for (Map.Entry<String, Optimizer> o : task.optimizers().entrySet()) {
            o.getValue().stateDict().forEach((k, t) -> {
                names.add(o.getKey() + "." + k);
                tensors.add(t);
            });
        }
    }

    private static double[] add(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    private static void failIfPlanned(FaultPlan faults, long step, int partition) {
        int attempt = TaskContext.get().attemptNumber();
        if (faults.fails(step, partition, attempt)) {
            throw new FaultPlan.InjectedFault(step, partition, attempt);
        }
    }

    /** The positions in {@code block} of the batch's examples it holds, in the batch's order. */
    static int[] share(ExampleBlock block, int[] batch) {
        return java.util.Arrays.stream(batch).filter(block::holds).map(i -> i - block.from()).toArray();
    }

    private static Batch collate(ExampleBlock block, int[] local) {
        return DataLoader.builder(block.examples().select(local)).batchSize(local.length).build().epoch(0).iterator()
                .next();
    }

    private static void loadState(DataParallelTask task, StepRequest request, boolean optimizers) {
        SafeTensors.Contents c;
        try {
            c = SafeTensors.fromBytes(request.state());
        } catch (CheckpointException e) {
            throw new IllegalStateException("the broadcast weights are corrupt: " + e.getMessage(), e);
        }
        try {
            for (Map.Entry<String, Module> m : task.modules().entrySet()) {
                m.getValue().loadStateDict(withPrefix(c.tensors(), m.getKey()));
            }
        } finally {
            c.tensors().values().forEach(Tensor::close);
        }
        if (optimizers) {
            SafeTensors.Contents o;
            try {
                o = SafeTensors.fromBytes(request.optimizers());
            } catch (CheckpointException e) {
                throw new IllegalStateException("the broadcast optimizer state is corrupt: " + e.getMessage(), e);
            }
            try {
                for (Map.Entry<String, Optimizer> opt : task.optimizers().entrySet()) {
                    opt.getValue().loadStateDict(withPrefix(o.tensors(), opt.getKey()));
                }
            } finally {
                o.tensors().values().forEach(Tensor::close);
            }
        }
    }

    /** The entries named {@code PREFIX.KEY}, as {@code KEY}. */
    static Map<String, Tensor> withPrefix(Map<String, Tensor> all, String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith(prefix + ".")) {
                out.put(k.substring(prefix.length() + 1), v);
            }
        });
        return out;
    }

    /**
     * Puts every generator of the task (dropout masks) at a position that depends only on the step
     * and the partition (2^20 numbers apart, for up to 4096 partitions), so a retry draws what the
     * failed attempt drew.
     */
    private static void positionGenerators(DataParallelTask task, long step, int partition) {
        long at = (step * 4096 + partition) << 20;
        for (Generator g : task.generators().values()) {
            g.reserve(at - g.offset());
        }
    }

    private static StepContext context(StepRequest request) {
        return new StepContext() {
            @Override
            public int epoch() {
                return request.epoch();
            }

            @Override
            public long step() {
                return request.step();
            }

            @Override
            public double requireFinite(String name, Tensor loss) {
                return loss.item(); // the driver checks the summed figures, where the checkpoint is known
            }
        };
    }
}
