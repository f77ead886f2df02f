package org.mcalab.conformance.scenario;

import org.mcalab.lab.GroupRole;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.mcalab.protocol.Requirement;
import org.mcalab.protocol.Requirement.Level;
import org.mcalab.conformance.mca.Behaviour;
import org.mcalab.conformance.mca.Check;
import org.mcalab.conformance.mca.ClientParams;
import org.mcalab.conformance.mca.Mutation;
import org.mcalab.conformance.mca.Param;
import org.mcalab.conformance.mca.Params;
import org.mcalab.client.mca.Profile;
import org.mcalab.conformance.mca.Step;

/**
 * The scenario catalogue: every {@code *.yaml} of a directory (the built-in one is packaged as {@code /scenarios} in
 * the conformance jar). Requirement ids come from {@link Requirement}, the one source of them. Schema and errors:
 * scenarios/README.md; every error names the file, the line and the scenario.
 */
public final class Catalogue {
    /** Capabilities a scenario may need from its target. */
    public static final Set<String> KNOWN_NEEDS = Set.of("clock-control", "session-db", "trustpoints", "tunnel", "dtls");
    /**
     * The requirement list the catalogue once held: its ids now live in {@link Requirement} only. A build directory
     * made before that still holds a copy, which the built-in catalogue skips (Maven does not delete it).
     */
    private static final Set<String> STALE = Set.of("requirements.yaml");
    /** A file every built-in catalogue holds; finds the packaged directory on the class path. */
    private static final String MARKER = "README.md";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final List<Scenario> scenarios;

    private Catalogue(List<Scenario> scenarios) {
        this.scenarios = List.copyOf(scenarios);
    }

    public List<Scenario> scenarios() {
        return scenarios;
    }

    /** Every requirement in id order (docs/protocol.md §1.3). */
    public List<Requirement> requirements() {
        return List.of(Requirement.values());
    }

    /** The built-in catalogue, plus the scenario files of {@code extraDirs} (which may not redefine ids). */
    public static Catalogue load(List<Path> extraDirs) {
        List<Scenario> scenarios = new ArrayList<>(withBuiltIn(root -> readScenarioDir(root, STALE)));
        for (Path dir : extraDirs) {
            if (!Files.isDirectory(dir)) {
                throw new CatalogueException("scenario directory " + dir + " does not exist");
            }
            scenarios.addAll(readScenarioDir(dir));
        }
        checkUniqueIds(scenarios);
        return new Catalogue(scenarios);
    }

    public static Catalogue builtIn() {
        return load(List.of());
    }

    private interface RootReader<T> {
        T read(Path root) throws IOException;
    }

    /** Opens the packaged /scenarios directory, from a jar or from a classes directory. */
    private static <T> T withBuiltIn(RootReader<T> reader) {
        URL url = Catalogue.class.getResource("/scenarios/" + MARKER);
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

    // ---- scenario files

    private record ScenarioFile(List<ScenarioDoc> scenarios) {}

    private record CredentialsDoc(List<String> tls, List<String> xml, List<String> extra) {}

    private record ScenarioDoc(Located id, String title, List<Located> requirements, String level, String profile,
                               String group, CredentialsDoc credentials, Located mutation, Located check,
                               Map<String, Located> params, Located expect, List<String> tags, List<String> needs,
                               String step) {}

    static List<Scenario> readScenarioDir(Path dir) {
        return readScenarioDir(dir, Set.of());
    }

    private static List<Scenario> readScenarioDir(Path dir, Set<String> skipped) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".yaml")
                            && !skipped.contains(p.getFileName().toString()))
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
        String source = file.getFileName().toString();
        String text;
        ScenarioFile doc;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new CatalogueException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            doc = YAML.readValue(text, ScenarioFile.class);
        } catch (UnrecognizedPropertyException e) {
            String scenario = scenarioAt(text, e);
            throw new CatalogueException(source + ":" + keyLine(text, scenario, e) + ": " + scenario + "unknown key '"
                    + e.getPropertyName() + "' (known: " + e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .toList() + ")", e);
        } catch (JsonMappingException e) {
            throw new CatalogueException(source + ":" + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                    + ": " + scenarioAt(text, e) + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new CatalogueException("cannot read " + file + ": " + firstLine(e), e);
        }
        if (doc == null || doc.scenarios() == null) {
            throw new CatalogueException(source + ": expected a top-level 'scenarios:' list");
        }
        List<Scenario> out = new ArrayList<>();
        for (ScenarioDoc d : doc.scenarios()) {
            out.add(toScenario(source, d));
        }
        return out;
    }

    /** "scenario X: " for the scenario a mapping error sits in (found by its index in the path), or "". */
    private static String scenarioAt(String text, JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.size() < 2 || path.get(1).getIndex() < 0) {
            return "";
        }
        try {
            JsonNode id = YAML.readTree(text).path("scenarios").path(path.get(1).getIndex()).path("id");
            return id.isTextual() ? "scenario " + id.asText() + ": " : "";
        } catch (IOException unreadable) {
            return "";
        }
    }

    /**
     * The line of an unknown key: Jackson reports where it stopped reading the scenario, so look for the key after the
     * scenario's id line.
     */
    private static int keyLine(String text, String scenario, UnrecognizedPropertyException e) {
        List<String> lines = text.lines().toList();
        String id = scenario.isEmpty() ? null : scenario.substring("scenario ".length(), scenario.length() - 2);
        boolean inside = id == null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!inside && line.matches("(- )?id:\\s*\"?" + Pattern.quote(id) + "\"?\\s*(#.*)?")) {
                inside = true;
            }
            if (inside && line.matches("(- )?" + Pattern.quote(e.getPropertyName()) + "\\s*:.*")) {
                return i + 1;
            }
        }
        return e.getLocation() == null ? -1 : e.getLocation().getLineNr();
    }

    private static Scenario toScenario(String source, ScenarioDoc d) {
        String id = d.id() == null ? null : d.id().text();
        String where = source + ":" + (d.id() == null ? "?" : d.id().line()) + ": scenario " + (id == null ? "(no id)" : id);
        if (id == null || !id.matches("[A-Z0-9][A-Z0-9-]*")) {
            throw new CatalogueException(where + ": id must be upper-case letters, digits and dashes");
        }
        if (d.title() == null || d.title().isBlank()) {
            throw new CatalogueException(where + ": title is missing");
        }
        if (d.requirements() == null || d.requirements().isEmpty()) {
            throw new CatalogueException(where + ": requirements list is empty");
        }
        List<Requirement> requirements = new ArrayList<>();
        for (Located r : d.requirements()) {
            requirements.add(Requirement.find(String.valueOf(r.value())).orElseThrow(() -> new CatalogueException(
                    at(source, r, id) + ": unknown requirement id '" + r.value() + "' (docs/protocol.md §1.3)")));
        }
        Profile profile;
        Expectation expect;
        try {
            profile = Profile.fromId(d.profile() == null ? "windows" : d.profile());
        } catch (IllegalArgumentException e) {
            throw new CatalogueException(where + ": " + e.getMessage());
        }
        try {
            expect = Expectation.parse(expectText(d.expect() == null ? null : d.expect().value()));
        } catch (IllegalArgumentException e) {
            throw new CatalogueException((d.expect() == null ? where : at(source, d.expect(), id)) + ": " + e.getMessage());
        }
        Behaviour behaviour = behaviour(source, id, where, d);
        Params params = params(source, id, behaviour, profile, d.params());
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
            step = d.step() == null ? defaultStep(behaviour, profile) : Step.fromId(d.step());
        } catch (IllegalArgumentException e) {
            throw new CatalogueException(where + ": " + e.getMessage());
        }
        CredentialsDoc c = d.credentials();
        Credentials credentials = c == null ? Credentials.none() : new Credentials(none(c.tls()), none(c.xml()), none(c.extra()));
        return new Scenario(id, d.title().strip(), requirements, level(where, d.level()), profile, group,
                credentials, behaviour, params, expect, d.tags() == null ? List.of() : d.tags(), new HashSet<>(needs),
                source, step);
    }

    private static String at(String source, Located value, String id) {
        return source + ":" + value.line() + ": scenario " + id;
    }

    /** {@code mutation: NAME} or {@code check: NAME}, not both; neither is the well-behaved client. */
    private static Behaviour behaviour(String source, String id, String where, ScenarioDoc d) {
        if (d.mutation() != null && d.check() != null) {
            throw new CatalogueException(where + ": give a mutation or a check, not both");
        }
        if (d.check() != null) {
            String name = d.check().text();
            return Check.find(name == null ? "" : name).orElseThrow(() -> new CatalogueException(at(source, d.check(), id)
                    + ": unknown check '" + name + "'; known: " + Check.names()
                    + (Mutation.find(name == null ? "" : name).isPresent() ? " ('" + name + "' is a mutation)" : "")));
        }
        if (d.mutation() != null) {
            String name = d.mutation().text();
            return Mutation.find(name == null ? "" : name).orElseThrow(() -> new CatalogueException(at(source, d.mutation(), id)
                    + ": unknown mutation '" + name + "'; known: " + Mutation.names()
                    + (Check.find(name == null ? "" : name).isPresent() ? " ('" + name + "' is a check: check: " + name + ")" : "")));
        }
        return Mutation.NONE;
    }

    /**
     * Reads each key of {@code params} with the declaration of that name: the behaviour's own, or the well-behaved
     * client's. A key nobody declares, or a value of the wrong type, fails loading; nothing falls back silently.
     */
    private static Params params(String source, String id, Behaviour behaviour, Profile profile, Map<String, Located> raw) {
        Map<String, Param<?>> declared = new LinkedHashMap<>();
        ClientParams.of(profile).forEach(p -> declared.put(p.key(), p));
        behaviour.params().forEach(p -> declared.put(p.key(), p));
        Params params = Params.NONE;
        for (Map.Entry<String, Located> e : raw == null ? Map.<String, Located>of().entrySet() : raw.entrySet()) {
            Param<?> param = declared.get(e.getKey());
            if (param == null) {
                throw new CatalogueException(at(source, e.getValue(), id) + ": unknown param '" + e.getKey() + "' for "
                        + kind(behaviour) + " '" + behaviour.id() + "' (known: " + declared.keySet() + ")");
            }
            try {
                params = with(params, param, e.getValue().value());
            } catch (IllegalArgumentException bad) {
                throw new CatalogueException(at(source, e.getValue(), id) + ": param '" + e.getKey() + "': "
                        + bad.getMessage());
            }
        }
        return params;
    }

    private static <T> Params with(Params params, Param<T> param, Object yaml) {
        return params.with(param, param.read(yaml));
    }

    private static String kind(Behaviour b) {
        return b instanceof Check ? "check" : "mutation";
    }

    /**
     * Where a scenario's bad input is judged unless it says otherwise (scenarios/README.md, "Step under test"): where
     * its behaviour declares (CONNECT for token and tunnel checks, the init for hostile XML and capabilities), else the
     * TLS handshake for the one-certificate and password clients and the auth-reply for everything an MCA client answers.
     */
    static Step defaultStep(Behaviour behaviour, Profile profile) {
        return behaviour.step().orElse(profile.multipleCert() ? Step.AUTH_REPLY : Step.TLS);
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

    private static Level level(String where, String level) {
        if (level == null) {
            return Level.MUST;
        }
        try {
            return Level.valueOf(level.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new CatalogueException(where + ": level must be MUST or SHOULD, not '" + level + "'");
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
