package org.mcalab.cli;

import org.mcalab.fixtures.CrlServerException;
import org.mcalab.lab.LabException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mcalab} command. Exit codes: 0 ok, 1 non-conformant / failed check,
 * 2 usage or environment error.
 */
@Command(name = "mcalab",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Prove that multiple-certificate authentication (MCA) works before it reaches users.",
        subcommands = {PkiCommand.class, GatewayCommand.class, SuiteCommand.class, ShowCommand.class, DebugCommand.class,
                ClearCommand.class,
                LoadCommand.class, SoakCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** A usage error, a lab that cannot be set up or CRLs that cannot be served: one line, exit 2. */
    private static boolean isUsage(Throwable t) {
        return t instanceof UsageException || t instanceof LabException || t instanceof CrlServerException;
    }

    /** Runs the CLI without exiting the JVM (tests call this). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExitCodeExceptionMapper(t -> isUsage(t) ? USAGE : FAILED);
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            if (isUsage(ex)) {
                line.getErr().println("mcalab: " + ex.getMessage());
                return USAGE;
            }
            line.getErr().println("mcalab: " + ex);
            return USAGE;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("mcalab: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return USAGE;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"mcalab " + (v == null ? "dev" : v)};
        }
    }
}
