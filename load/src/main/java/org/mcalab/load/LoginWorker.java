package org.mcalab.load;

import java.nio.file.Path;

/**
 * The forked JVM of a login run ({@link LoginLoad#run}): reads the plan, runs Gatling, writes mcalab's report.
 * Exit 0 when the report was written, 3 when the run could not be carried out (the reason on stderr).
 */
public final class LoginWorker {
    private LoginWorker() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: LoginWorker PLAN.json RESULT.json");
            System.exit(3);
        }
        try {
            LoginPlan plan = LoginLoad.JSON.readValue(Path.of(args[0]).toFile(), LoginPlan.class);
            LoadReport report = LoginLoad.runHere(plan);
            LoginLoad.JSON.writeValue(Path.of(args[1]).toFile(), report);
            System.exit(0);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.err.println("mcalab load worker: " + e);
            System.exit(3);
        }
    }
}
