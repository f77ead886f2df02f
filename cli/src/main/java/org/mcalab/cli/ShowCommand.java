package org.mcalab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mcalab show ...}: the ASA's show commands, read from a running gateway's admin endpoint. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a running gateway's state, as the ASA's show commands do.",
        subcommands = {ShowCommand.VpnSessionDb.class, ShowCommand.Crypto.class})
final class ShowCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UsageException("'show' needs what to show: vpn-sessiondb, crypto ca certificate");
    }

    @Command(name = "vpn-sessiondb", mixinStandardHelpOptions = true,
            description = "Sessions, like 'show vpn-sessiondb [detail] anyconnect' (the words detail/anyconnect are accepted too).")
    static final class VpnSessionDb implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--detail", description = "The detailed form, with the AnyConnect-Parent and tunnel blocks.")
        boolean detail;

        @Option(names = "--json", description = "JSON instead of the ASA's text.")
        boolean json;

        @Mixin
        AdminOptions admin = new AdminOptions();

        @Parameters(arity = "0..2", paramLabel = "WORD", description = "detail, anyconnect")
        List<String> words = new ArrayList<>();

        @Override
        public Integer call() {
            for (String w : words) {
                if (w.equals("detail")) {
                    detail = true;
                } else if (!w.equals("anyconnect")) {
                    throw new UsageException("show vpn-sessiondb: unknown word '" + w + "' (expected detail or anyconnect)");
                }
            }
            String body = new AdminClient(admin).get("/sessions?detail=" + (detail ? "1" : "0") + (json ? "" : "&format=text"));
            PrintWriter out = spec.commandLine().getOut();
            out.print(body.endsWith("\n") ? body : body + "\n");
            out.flush();
            return Main.OK;
        }
    }

    @Command(name = "crypto", mixinStandardHelpOptions = true,
            description = "Installed certificates, like 'show crypto ca certificate'.")
    static final class Crypto implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "JSON instead of the ASA's text.")
        boolean json;

        @Mixin
        AdminOptions admin = new AdminOptions();

        @Parameters(arity = "0..2", paramLabel = "WORD", description = "ca certificate")
        List<String> words = new ArrayList<>();

        @Override
        public Integer call() {
            if (!words.isEmpty() && !String.join(" ", words).equals("ca certificate") && !words.equals(List.of("ca"))) {
                throw new UsageException("show crypto: only 'ca certificate' is supported");
            }
            String body = new AdminClient(admin).get("/crypto-ca" + (json ? "" : "?format=text"));
            PrintWriter out = spec.commandLine().getOut();
            out.print(body.endsWith("\n") ? body : body + "\n");
            out.flush();
            return Main.OK;
        }
    }
}
