package org.mcalab.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mcalab clear aaa local user lockout all|username NAME}: the ASA's command, for a running gateway's local
 * users locked by {@code aaa local authentication attempts max-fail}.
 */
@Command(name = "clear", mixinStandardHelpOptions = true,
        description = "Unlock local users of a running gateway: clear aaa local user lockout all | username NAME.")
final class ClearCommand implements Callable<Integer> {
    private static final List<String> PREFIX = List.of("aaa", "local", "user", "lockout");

    @Spec
    CommandSpec spec;

    @Parameters(arity = "5..6", paramLabel = "WORD", description = "aaa local user lockout all | username NAME")
    List<String> words;

    @Mixin
    AdminOptions admin = new AdminOptions();

    @Override
    public Integer call() {
        String query;
        if (words.subList(0, 4).equals(PREFIX) && words.size() == 5 && words.get(4).equals("all")) {
            query = "";
        } else if (words.subList(0, 4).equals(PREFIX) && words.size() == 6 && words.get(4).equals("username")) {
            query = "?username=" + URLEncoder.encode(words.get(5), StandardCharsets.UTF_8);
        } else {
            throw new UsageException("clear: expected 'aaa local user lockout all' or 'aaa local user lockout username NAME'");
        }
        String body = new AdminClient(admin).post("/aaa/lockout/clear" + query);
        spec.commandLine().getOut().println(body.strip());
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
