/**
 * The scenario catalogue (schema and errors: scenarios/README.md): {@link Catalogue} loads every YAML file of a
 * directory (the built-in one is packaged as {@code /scenarios}) into typed {@link Scenario}s, each with its
 * {@link Credentials}, {@link Expectation} and checked parameters; {@link Selection} picks them for {@code --scenarios}.
 * Requirement ids come from protocol's {@code Requirement} only; a bad file is a {@link CatalogueException} naming
 * the file, line and scenario.
 */
package org.mcalab.conformance.scenario;
