package org.mcalab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "gateway", mixinStandardHelpOptions = true, description = "(not built yet)")
final class GatewayCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UsageException("'gateway' is not built yet");
    }
}
