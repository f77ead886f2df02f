package org.mcalab.reports;

import java.nio.file.Path;

/** Writes the sample run's reports to a folder, for looking at them by hand: {@code SampleReportMain /tmp/out}. */
public final class SampleReportMain {
    private SampleReportMain() {}

    public static void main(String[] args) throws Exception {
        ReportFiles files = ReportWriter.write(SampleRuns.mixed(), Path.of(args.length > 0 ? args[0] : "target/sample-report"));
        System.out.println(files);
    }
}
