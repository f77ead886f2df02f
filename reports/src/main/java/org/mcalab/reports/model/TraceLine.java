package org.mcalab.reports.model;

/** A gateway debug trace line (category as in `debug aggregate-auth xml|ssl`, `debug crypto ca`). */
public record TraceLine(String time, String category, String message) {}
