package org.mcalab.conformance.scenario;

import org.mcalab.protocol.Requirement;

/** One line of scenarios/requirements.yaml: the requirement, its text, level and group (Flow, Limits...). */
public record RequirementEntry(Requirement requirement, String text, Level level, String group) {}
