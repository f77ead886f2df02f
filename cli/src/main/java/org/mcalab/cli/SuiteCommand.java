package org.mcalab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "suite", mixinStandardHelpOptions = true, description = "(not built yet)")
final class SuiteCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UsageException("'suite' is not built yet");
    }
}
