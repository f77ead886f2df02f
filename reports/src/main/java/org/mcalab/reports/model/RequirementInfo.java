package org.mcalab.reports.model;

/** A requirement as the matrix shows it: id (e.g. MCA-LIM-5), text, level (MUST/SHOULD), group (Flow, Limits...). */
public record RequirementInfo(String id, String text, String level, String group) {}
