package org.mcalab.conformance.scenario;

import org.mcalab.lab.GroupRole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcalab.fixtures.TestPki;
import org.mcalab.protocol.Requirement;
import org.mcalab.conformance.mca.Mutation;
import org.mcalab.conformance.mca.Step;

class CatalogueTest {
    private final Catalogue builtIn = Catalogue.builtIn();

    @Test
    void everyBuiltInFileParsesIntoAtLeast45Scenarios() {
        assertThat(builtIn.scenarios()).hasSizeGreaterThanOrEqualTo(45);
        assertThat(builtIn.scenarios()).extracting(Scenario::source)
                .contains("flow.yaml", "limits.yaml", "pki.yaml", "session.yaml", "robustness.yaml");
    }

    @Test
    void everyRequirementIdHasTextAndAtLeastOneScenario() {
        assertThat(builtIn.requirements()).extracting(RequirementEntry::requirement).containsExactly(Requirement.values());
        assertThat(builtIn.requirements()).allSatisfy(r -> assertThat(r.text()).isNotBlank());
        Set<Requirement> covered = EnumSet.noneOf(Requirement.class);
        builtIn.scenarios().forEach(s -> covered.addAll(s.requirements()));
        assertThat(EnumSet.complementOf(EnumSet.copyOf(covered))).as("requirements without a scenario").isEmpty();
    }

    @Test
    void everyCredentialNameExistsInTheFixtureCatalogue() {
        List<String> known = TestPki.names();
        for (Scenario s : builtIn.scenarios()) {
            assertThat(known).as("credentials of " + s.id()).containsAll(s.credentials().all());
        }
    }

    @Test
    void idsAreUniqueAndMutationsKnown() {
        List<String> ids = builtIn.scenarios().stream().map(Scenario::id).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(builtIn.scenarios()).allSatisfy(s -> assertThat(Mutation.find(s.mutation())).isPresent());
    }

    @Test
    void aRefusalExpectationCitesARequirementTheScenarioCovers() {
        for (Scenario s : builtIn.scenarios()) {
            s.expect().cited().ifPresent(r -> assertThat(s.requirements()).as(s.id()).contains(r));
        }
    }

    @Test
    void scenariosThatNeedTheTunnelSaySo() {
        Set<String> tunnelNeeds = builtIn.scenarios().stream().filter(s -> s.mutation().equals("tunnel"))
                .flatMap(s -> s.needs().stream()).collect(Collectors.toSet());
        assertThat(tunnelNeeds).contains("tunnel");
        assertThat(builtIn.scenarios()).filteredOn(s -> s.mutation().equals("tunnel"))
                .allSatisfy(s -> assertThat(s.needs()).contains("tunnel"));
    }

    @Test
    void aScenarioDirectoryAddsItsScenarios(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("extra.yaml"), """
                scenarios:
                  - id: MY-EXTRA
                    title: An extra scenario
                    requirements: [MCA-LIM-5]
                    credentials: {tls: machine, xml: user-ec-p384}
                    expect: {reject: MCA-LIM-5}
                    tags: [mine]
                """);
        Catalogue c = Catalogue.load(List.of(dir));
        assertThat(c.scenarios()).hasSize(builtIn.scenarios().size() + 1);
        Scenario extra = c.scenarios().get(c.scenarios().size() - 1);
        assertThat(extra.id()).isEqualTo("MY-EXTRA");
        assertThat(extra.group()).isEqualTo(GroupRole.MCA);
        assertThat(extra.level()).isEqualTo(Level.MUST);
        assertThat(extra.expect()).isEqualTo(Expectation.reject(Requirement.MCA_LIM_5));
        assertThat(extra.credentials().xml()).containsExactly("user-ec-p384");
    }

    @Test
    void aDuplicateIdIsRefusedNamingBothFiles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("dup.yaml"), """
                scenarios:
                  - id: LIM5-EC-USER
                    title: again
                    requirements: [MCA-LIM-5]
                    expect: accept
                """);
        assertThatThrownBy(() -> Catalogue.load(List.of(dir))).isInstanceOf(CatalogueException.class)
                .hasMessageContaining("LIM5-EC-USER").hasMessageContaining("dup.yaml");
    }

    @Test
    void schemaErrorsNameTheFileAndTheScenario(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), """
                scenarios:
                  - id: BAD-ONE
                    title: typo in the mutation
                    requirements: [MCA-LIM-5]
                    mutation: hash-not-ofered
                    expect: accept
                """);
        assertThatThrownBy(() -> Catalogue.load(List.of(dir))).isInstanceOf(CatalogueException.class)
                .hasMessageContaining("bad.yaml").hasMessageContaining("BAD-ONE").hasMessageContaining("hash-not-ofered");
        Files.writeString(dir.resolve("bad.yaml"), """
                scenarios:
                  - id: BAD-TWO
                    title: unknown requirement
                    requirements: [MCA-LIM-9]
                    expect: accept
                """);
        assertThatThrownBy(() -> Catalogue.load(List.of(dir))).hasMessageContaining("MCA-LIM-9");
        Files.writeString(dir.resolve("bad.yaml"), """
                scenarios:
                  - id: BAD-THREE
                    title: misspelt key
                    requirements: [MCA-LIM-5]
                    expects: accept
                """);
        assertThatThrownBy(() -> Catalogue.load(List.of(dir))).hasMessageContaining("bad.yaml");
    }

    @Test
    void everyScenarioHasAStepUnderTestAndTlsDefectsAreJudgedFromTheHandshake() {
        Map<String, Scenario> byId = builtIn.scenarios().stream().collect(Collectors.toMap(Scenario::id, s -> s));
        assertThat(byId.get("LIM5-EC-USER").step()).isEqualTo(Step.AUTH_REPLY);
        assertThat(byId.get("LIM5-EC-MACHINE").step()).isEqualTo(Step.TLS);
        assertThat(byId.get("FLOW7-CONNECT-MADE-UP-TOKEN").step()).isEqualTo(Step.CONNECT);
        assertThat(byId.get("ROB1-XXE").step()).isEqualTo(Step.INIT);
        assertThat(byId.get("LIM2-PASSWORD-ON-MCA-GROUP").step()).isEqualTo(Step.TLS);
        assertThat(byId.get("FLOW1-GROUP-SELECT").group()).isEqualTo(GroupRole.SELECT);
    }
}
