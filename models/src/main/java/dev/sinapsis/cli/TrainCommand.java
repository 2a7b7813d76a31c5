package dev.sinapsis.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sinapsis train}: placeholder until the models land. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model.")
final class TrainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("not implemented yet");
    }
}
