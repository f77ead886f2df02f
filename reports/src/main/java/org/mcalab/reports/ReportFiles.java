package org.mcalab.reports;

import java.nio.file.Path;

/** Where {@link ReportWriter#write} put the three reports. */
public record ReportFiles(Path json, Path junit, Path html) {}
