package dev.sinapsis.models;

import dev.sinapsis.optim.Adam;
import dev.sinapsis.optim.AdamW;
import dev.sinapsis.optim.Optimizer;
import dev.sinapsis.optim.SGD;
import dev.sinapsis.optim.schedule.CosineAnnealingLR;
import dev.sinapsis.optim.schedule.LrScheduler;
import dev.sinapsis.optim.schedule.StepLR;
import dev.sinapsis.tensor.Tensor;
import java.util.List;

/** The optimizer and learning-rate schedule a {@link RunConfig} asks for, for tasks to build. */
public final class Optimizers {
    private Optimizers() {
    }

    /** {@code config.optimizer()} over {@code params}: sgd (momentum 0.9), adam or adamw, with the config's lr and weight decay. */
    public static Optimizer create(RunConfig config, List<Tensor> params) {
        return switch (config.optimizer()) {
            case "sgd" -> SGD.builder(params).lr(config.lr()).momentum(0.9).weightDecay(config.weightDecay()).build();
            case "adam" -> Adam.builder(params).lr(config.lr()).weightDecay(config.weightDecay()).build();
            case "adamw" -> AdamW.builder(params).lr(config.lr()).weightDecay(config.weightDecay()).build();
            default -> throw new IllegalArgumentException("unknown optimizer '" + config.optimizer() + "'");
        };
    }

    /**
     * {@code config.schedule()} for {@code optimizer}, stepped once per epoch: cosine annealing to 0
     * over the run, ×0.1 every third of the epochs, or none (an empty list).
     */
    public static List<LrScheduler> schedule(RunConfig config, Optimizer optimizer) {
        return switch (config.schedule()) {
            case "cosine" -> List.of(new CosineAnnealingLR(optimizer, config.epochs(), 0));
            case "step" -> List.of(new StepLR(optimizer, Math.max(1, config.epochs() / 3), 0.1));
            default -> List.of();
        };
    }
}
