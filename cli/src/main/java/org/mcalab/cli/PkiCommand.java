package org.mcalab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "pki", mixinStandardHelpOptions = true, description = "(not built yet)")
final class PkiCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UsageException("'pki' is not built yet");
    }
}
