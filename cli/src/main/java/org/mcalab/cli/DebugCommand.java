package org.mcalab.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mcalab debug CATEGORY [--off]}: switches a running gateway's debug printing, like the ASA's debug command. */
@Command(name = "debug", mixinStandardHelpOptions = true,
        description = "Switch a debug category of a running gateway on or off: aggregate-auth xml, aggregate-auth ssl, "
                + "crypto ca, webvpn anyconnect, dtls, or all.")
final class DebugCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..3", paramLabel = "CATEGORY", description = "e.g. aggregate-auth xml (a trailing level such as 127 is ignored)")
    List<String> words;

    @Option(names = "--off", description = "Switch it off (like 'no debug ...').")
    boolean off;

    @Mixin
    AdminOptions admin = new AdminOptions();

    @Override
    public Integer call() {
        List<String> w = words.size() > 1 && words.get(words.size() - 1).matches("\\d+") ? words.subList(0, words.size() - 1) : words;
        String category = String.join(" ", w);
        String body = new AdminClient(admin).post("/debug?category=" + URLEncoder.encode(category, StandardCharsets.UTF_8)
                + "&on=" + !off);
        spec.commandLine().getOut().println(body.strip());
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
