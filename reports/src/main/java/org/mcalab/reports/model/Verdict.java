package org.mcalab.reports.model;

public enum Verdict { CONFORMANT, NON_CONFORMANT, INCOMPLETE }
