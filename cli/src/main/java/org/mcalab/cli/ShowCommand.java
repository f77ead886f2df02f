package org.mcalab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "show", mixinStandardHelpOptions = true, description = "(not built yet)")
final class ShowCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UsageException("'show' is not built yet");
    }
}
