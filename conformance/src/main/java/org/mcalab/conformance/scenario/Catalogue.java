package org.mcalab.conformance.scenario;

import org.mcalab.lab.GroupRole;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.mcalab.protocol.Requirement;
import org.mcalab.conformance.mca.Mutation;
import org.mcalab.client.mca.Profile;
import org.mcalab.conformance.mca.Step;

/**
 * The scenario catalogue: every {@code *.yaml} of a directory (the built-in one is packaged as
 * {@code /scenarios} in the conformance jar) plus {@code requirements.yaml}. Schema: scenarios/README.md.
 */
public final class Catalogue {
    public static final String REQUIREMENTS_FILE = "requirements.yaml";
    /** Capabilities a scenario may need from its target. */
    public static final Set<String> KNOWN_NEEDS = Set.of("clock-control", "session-db", "trustpoints", "tunnel", "dtls");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final List<Scenario> scenarios;
    private final Map<Requirement, RequirementEntry> requirements;

    private Catalogue(List<Scenario> scenarios, Map<Requirement, RequirementEntry> requirements) {
        this.scenarios = List.copyOf(scenarios);
        this.requirements = requirements;
    }

    public List<Scenario> scenarios() {
        return scenarios;
    }

    /** Every requirement in id order, as requirements.yaml states it. */
    public List<RequirementEntry> requirements() {
        return List.copyOf(requirements.values());
    }

    /** The built-in catalogue, plus the scenario files of {@code extraDirs} (which may not redefine ids). */
    public static Catalogue load(List<Path> extraDirs) {
        List<Scenario> scenarios = new ArrayList<>();
        Map<Requirement, RequirementEntry> requirements = withBuiltIn(root -> {
            Map<Requirement, RequirementEntry> req = readRequirements(root.resolve(REQUIREMENTS_FILE));
            scenarios.addAll(readScenarioDir(root));
            return req;
        });
        for (Path dir : extraDirs) {
            if (!Files.isDirectory(dir)) {
                throw new CatalogueException("scenario directory " + dir + " does not exist");
            }
            scenarios.addAll(readScenarioDir(dir));
        }
        checkUniqueIds(scenarios);
        return new Catalogue(scenarios, requirements);
    }

    public static Catalogue builtIn() {
        return load(List.of());
    }

    /** Reads one directory as a whole catalogue (it must hold its own requirements.yaml); used by tests. */
    public static Catalogue fromDirectory(Path dir) {
        Map<Requirement, RequirementEntry> requirements = readRequirements(dir.resolve(REQUIREMENTS_FILE));
        List<Scenario> scenarios = readScenarioDir(dir);
        checkUniqueIds(scenarios);
        return new Catalogue(scenarios, requirements);
    }

    private interface RootReader<T> {
        T read(Path root) throws IOException;
    }

    /** Opens the packaged /scenarios directory, from a jar or from a classes directory. */
    private static <T> T withBuiltIn(RootReader<T> reader) {
        URL url = Catalogue.class.getResource("/scenarios/" + REQUIREMENTS_FILE);
        if (url == null) {
            throw new CatalogueException("the built-in scenario catalogue is missing from the class path (/scenarios)");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                boolean opened = false;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                    opened = true;
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                try {
                    return reader.read(fs.getPath("/scenarios"));
                } finally {
                    if (opened) {
                        fs.close();
                    }
                }
            }
            return reader.read(Path.of(uri).getParent());
        } catch (URISyntaxException | IOException e) {
            throw new CatalogueException("cannot read the built-in scenario catalogue: " + e.getMessage(), e);
        }
    }

    // ---- requirements.yaml

    private record RequirementsDoc(List<RequirementDoc> requirements) {}

    /** {@code seed}: the seed section the requirement comes from (documentation only). */
    private record RequirementDoc(String id, String text, String level, String group, String seed) {}

    static Map<Requirement, RequirementEntry> readRequirements(Path file) {
        RequirementsDoc doc;
        try {
            doc = YAML.readValue(Files.readString(file), RequirementsDoc.class);
        } catch (IOException e) {
            throw new CatalogueException("cannot read " + file + ": " + firstLine(e), e);
        }
        Map<Requirement, RequirementEntry> out = new EnumMap<>(Requirement.class);
        for (RequirementDoc r : doc.requirements() == null ? List.<RequirementDoc>of() : doc.requirements()) {
            Requirement id = Requirement.find(r.id() == null ? "" : r.id())
                    .orElseThrow(() -> new CatalogueException(file + ": unknown requirement id '" + r.id() + "'"));
            if (r.text() == null || r.text().isBlank() || r.group() == null) {
                throw new CatalogueException(file + ": " + r.id() + " needs text and group");
            }
            if (out.put(id, new RequirementEntry(id, r.text().strip(), level(file, r.id(), r.level()), r.group())) != null) {
                throw new CatalogueException(file + ": " + r.id() + " is listed twice");
            }
        }
        for (Requirement r : Requirement.values()) {
            if (!out.containsKey(r)) {
                throw new CatalogueException(file + ": requirement " + r.id() + " is missing");
            }
        }
        return out;
    }

    // ---- scenario files

    private record ScenarioFile(List<ScenarioDoc> scenarios) {}

    private record CredentialsDoc(List<String> tls, List<String> xml, List<String> extra) {}

    private record ScenarioDoc(String id, String title, List<String> requirements, String level, String profile,
                               String group, CredentialsDoc credentials, String mutation, Map<String, String> params,
                               @JsonProperty("expect") Object expect, List<String> tags, List<String> needs,
                               String step) {}

    static List<Scenario> readScenarioDir(Path dir) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".yaml")
                            && !p.getFileName().toString().equals(REQUIREMENTS_FILE))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new CatalogueException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        List<Scenario> out = new ArrayList<>();
        for (Path file : files) {
            out.addAll(readScenarioFile(file));
        }
        return out;
    }

    static List<Scenario> readScenarioFile(Path file) {
        ScenarioFile doc;
        try {
            doc = YAML.readValue(Files.readString(file), ScenarioFile.class);
        } catch (IOException e) {
            throw new CatalogueException("cannot read " + file + ": " + firstLine(e), e);
        }
        if (doc == null || doc.scenarios() == null) {
            throw new CatalogueException(file + ": expected a top-level 'scenarios:' list");
        }
        String source = file.getFileName().toString();
        List<Scenario> out = new ArrayList<>();
        for (ScenarioDoc d : doc.scenarios()) {
            out.add(toScenario(source, d));
        }
        return out;
    }

    private static Scenario toScenario(String source, ScenarioDoc d) {
        String where = source + ": scenario " + (d.id() == null ? "(no id)" : d.id());
        if (d.id() == null || !d.id().matches("[A-Z0-9][A-Z0-9-]*")) {
            throw new CatalogueException(where + ": id must be upper-case letters, digits and dashes");
        }
        if (d.title() == null || d.title().isBlank()) {
            throw new CatalogueException(where + ": title is missing");
        }
        if (d.requirements() == null || d.requirements().isEmpty()) {
            throw new CatalogueException(where + ": requirements list is empty");
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String r : d.requirements()) {
            requirements.add(Requirement.find(r).orElseThrow(
                    () -> new CatalogueException(where + ": unknown requirement id '" + r + "'")));
        }
        Profile profile;
        Expectation expect;
        try {
            profile = Profile.fromId(d.profile() == null ? "windows" : d.profile());
            expect = Expectation.parse(expectText(d.expect()));
        } catch (IllegalArgumentException e) {
            throw new CatalogueException(where + ": " + e.getMessage());
        }
        String mutation = d.mutation() == null ? "none" : d.mutation();
        if (Mutation.find(mutation).isEmpty()) {
            throw new CatalogueException(where + ": unknown mutation '" + mutation + "'; known: " + Mutation.names());
        }
        List<String> needs = d.needs() == null ? List.of() : d.needs();
        for (String need : needs) {
            if (!KNOWN_NEEDS.contains(need)) {
                throw new CatalogueException(where + ": unknown need '" + need + "'; known: " + KNOWN_NEEDS);
            }
        }
        GroupRole group;
        try {
            group = d.group() == null ? GroupRole.MCA : GroupRole.fromId(d.group());
        } catch (IllegalArgumentException e) {
            throw new CatalogueException(where + ": " + e.getMessage()
                    + " (the catalogue names a group's role; its URL comes from the command line)");
        }
        Step step;
        try {
            step = d.step() == null ? defaultStep(mutation, profile) : Step.fromId(d.step());
        } catch (IllegalArgumentException e) {
            throw new CatalogueException(where + ": " + e.getMessage());
        }
        CredentialsDoc c = d.credentials();
        Credentials credentials = c == null ? Credentials.none() : new Credentials(none(c.tls()), none(c.xml()), none(c.extra()));
        return new Scenario(d.id(), d.title().strip(), requirements, level(source, d.id(), d.level()), profile, group,
                credentials, mutation, d.params() == null ? Map.of() : new LinkedHashMap<>(d.params()), expect,
                d.tags() == null ? List.of() : d.tags(), new HashSet<>(needs), source, step);
    }

    /**
     * Where a mutation's bad input is judged unless the scenario says otherwise (scenarios/README.md, "Step under
     * test"): CONNECT for token and tunnel checks, the init for hostile XML and capabilities, the TLS handshake for the
     * one-certificate and password clients, the auth-reply for everything an MCA client answers.
     */
    static Step defaultStep(String mutation, Profile profile) {
        if (mutation.startsWith("connect-") || mutation.equals("tunnel")) {
            return Step.CONNECT;
        }
        if (mutation.startsWith("xml-") || mutation.equals("no-multicert-capability") || mutation.equals("challenge-shape")) {
            return Step.INIT;
        }
        return profile.multipleCert() ? Step.AUTH_REPLY : Step.TLS;
    }

    /** "none" in a credential list means no certificate in that position. */
    private static List<String> none(List<String> names) {
        return names == null ? List.of() : names.stream().filter(n -> !n.equals("none")).toList();
    }

    /** {@code expect: accept} or {@code expect: {reject: MCA-LIM-5}}. */
    private static String expectText(Object expect) {
        if (expect instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> e = map.entrySet().iterator().next();
            return e.getKey() + " " + (e.getValue() == null ? "" : e.getValue());
        }
        return expect == null ? null : expect.toString();
    }

    private static Level level(Object where, String id, String level) {
        if (level == null) {
            return Level.MUST;
        }
        try {
            return Level.valueOf(level.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new CatalogueException(where + ": " + id + ": level must be MUST or SHOULD, not '" + level + "'");
        }
    }

    private static void checkUniqueIds(List<Scenario> scenarios) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (Scenario s : scenarios) {
            String before = seen.put(s.id(), s.source());
            if (before != null) {
                throw new CatalogueException("scenario id " + s.id() + " is defined twice (" + before + ", " + s.source() + ")");
            }
        }
    }

    private static String firstLine(IOException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
