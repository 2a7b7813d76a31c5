package dev.sinapsis.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code sinapsis eval}: placeholder until the models land. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate a checkpoint.")
final class EvalCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("not implemented yet");
    }
}
