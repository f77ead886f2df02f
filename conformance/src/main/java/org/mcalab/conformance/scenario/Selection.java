package org.mcalab.conformance.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.mcalab.protocol.Requirement;

/**
 * {@code --scenarios SEL}: a comma list whose items are scenario ids, globs over ids ({@code LIM5-*}),
 * requirement ids ({@code MCA-LIM-5}) or tags ({@code robustness}). The result keeps catalogue order.
 * An item that selects nothing is an error, so a typo never silently runs an empty suite.
 */
public final class Selection {
    private final List<String> items;

    private Selection(List<String> items) {
        this.items = items;
    }

    /** Everything. */
    public static Selection all() {
        return new Selection(List.of());
    }

    public static Selection parse(String text) {
        if (text == null || text.isBlank()) {
            return all();
        }
        List<String> items = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return new Selection(items);
    }

    /** @throws IllegalArgumentException naming every item that matched no scenario */
    public List<Scenario> select(List<Scenario> catalogue) {
        if (items.isEmpty()) {
            return catalogue;
        }
        Set<Scenario> chosen = new LinkedHashSet<>();
        List<String> unmatched = new ArrayList<>();
        for (String item : items) {
            List<Scenario> hits = catalogue.stream().filter(matcher(item)::matches).toList();
            if (hits.isEmpty()) {
                unmatched.add(item);
            }
            chosen.addAll(hits);
        }
        if (!unmatched.isEmpty()) {
            throw new IllegalArgumentException("--scenarios: no scenario matches " + String.join(", ", unmatched)
                    + " (give scenario ids, globs such as LIM5-*, requirement ids such as MCA-LIM-5, or tags)");
        }
        return catalogue.stream().filter(chosen::contains).toList();
    }

    private interface Matcher {
        boolean matches(Scenario s);
    }

    private static Matcher matcher(String item) {
        if (item.contains("*") || item.contains("?")) {
            Pattern glob = Pattern.compile(globToRegex(item), Pattern.CASE_INSENSITIVE);
            return s -> glob.matcher(s.id()).matches();
        }
        Optional<Requirement> requirement = Requirement.find(item);
        if (requirement.isPresent()) {
            return s -> s.requirements().contains(requirement.get());
        }
        return s -> s.id().equalsIgnoreCase(item) || s.tags().stream().anyMatch(t -> t.equalsIgnoreCase(item));
    }

    private static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
