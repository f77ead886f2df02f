package org.mcalab.conformance.scenario;

import org.mcalab.lab.GroupRole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcalab.fixtures.TestPki;
import org.mcalab.protocol.Requirement;
import org.mcalab.conformance.mca.Check;
import org.mcalab.conformance.mca.Mutation;
import org.mcalab.conformance.mca.PostCheck;
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
        assertThat(builtIn.requirements()).containsExactly(Requirement.values());
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
    void idsAreUnique() {
        List<String> ids = builtIn.scenarios().stream().map(Scenario::id).toList();
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void paramsAreReadTypedAndChecksAreNotMutations() {
        Map<String, Scenario> byId = builtIn.scenarios().stream().collect(Collectors.toMap(Scenario::id, s -> s));
        assertThat(byId.get("PKI5-OVERSIZE-SET").params().get(Mutation.P.PKCS7_COUNT)).isEqualTo(24);
        assertThat(byId.get("FLOW5-REPLY-AFTER-TIMER").params().get(Mutation.P.TIMER)).isEqualTo(Duration.ofSeconds(181));
        assertThat(byId.get("SES2-SESSIONDB-DETAIL").behaviour()).isEqualTo(Check.SESSION);
        assertThat(byId.get("SES2-SESSIONDB-DETAIL").params().get(Check.P.CHECKS)).containsExactly("username", "sessiondb");
        assertThat(byId.get("ROB2-BAD-CSTP-FRAME").params().get(Check.P.REFUSAL)).isEqualTo(Requirement.MCA_ROB_2);
        assertThat(byId.get("LIM5-EC-USER").behaviour()).isEqualTo(Mutation.NONE);
        // A parameter left out answers the default its declaration states.
        assertThat(byId.get("LIM5-EC-USER").params().get(Mutation.P.HASH)).isEqualTo("sha1");
    }

    @Test
    void aRefusalExpectationCitesARequirementTheScenarioCovers() {
        for (Scenario s : builtIn.scenarios()) {
            s.expect().cited().ifPresent(r -> assertThat(s.requirements()).as(s.id()).contains(r));
        }
    }

    @Test
    void postChecksAreDeclaredNotBuriedInTheMutations() {
        for (Mutation hostile : List.of(Mutation.XML_MALFORMED, Mutation.XML_OVERSIZED, Mutation.XML_XXE,
                Mutation.XML_BILLION_LAUGHS)) {
            assertThat(hostile.declaration().after()).as(hostile.id()).containsExactly(PostCheck.STILL_SERVES);
        }
        assertThat(Mutation.USERNAME_SUBSTITUTION.declaration().after()).containsExactly(PostCheck.BINDING);
        assertThat(Mutation.OPAQUE_GROUP_TAMPERED.declaration().after()).containsExactly(PostCheck.BINDING);
        assertThat(PostCheck.BINDING.requirement()).isEqualTo(Requirement.MCA_PKI_7);
        assertThat(Mutation.NONE.declaration().after()).isEmpty();
    }

    @Test
    void scenariosThatNeedTheTunnelSaySo() {
        Set<String> tunnelNeeds = builtIn.scenarios().stream().filter(s -> s.behaviour() == Check.TUNNEL)
                .flatMap(s -> s.needs().stream()).collect(Collectors.toSet());
        assertThat(tunnelNeeds).contains("tunnel");
        assertThat(builtIn.scenarios()).filteredOn(s -> s.behaviour() == Check.TUNNEL)
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
        assertThat(extra.level()).isEqualTo(Requirement.Level.MUST);
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
        assertThatThrownBy(() -> Catalogue.load(List.of(dir))).isInstanceOf(CatalogueException.class)
                .hasMessageContaining("bad.yaml:4").hasMessageContaining("BAD-TWO")
                .hasMessageContaining("unknown requirement id 'MCA-LIM-9'");
        Files.writeString(dir.resolve("bad.yaml"), """
                scenarios:
                  - id: BAD-THREE
                    title: misspelt key
                    requirements: [MCA-LIM-5]
                    expects: accept
                """);
        assertThatThrownBy(() -> Catalogue.load(List.of(dir))).isInstanceOf(CatalogueException.class)
                .hasMessageContaining("bad.yaml:5").hasMessageContaining("BAD-THREE").hasMessageContaining("'expects'");
    }

    @Test
    void anUnknownRequirementIdInTheExpectationFailsLoading(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), """
                scenarios:
                  - id: BAD-EXPECT
                    title: refusal citing an id the catalogue does not have
                    requirements: [MCA-LIM-5]
                    expect: {reject: MCA-LIM-50}
                """);
        assertThatThrownBy(() -> Catalogue.load(List.of(dir))).isInstanceOf(CatalogueException.class)
                .hasMessageContaining("bad.yaml:5").hasMessageContaining("BAD-EXPECT").hasMessageContaining("MCA-LIM-50");
    }

    @Test
    void aMisspelledParamKeyFailsLoadingInsteadOfTestingTheDefault(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), """
                scenarios:
                  - id: BAD-PARAM
                    title: hash misspelt, would quietly test the default sha1
                    requirements: [MCA-LIM-6]
                    mutation: hash-not-offered
                    params:
                      hsah: md5
                    expect: {reject: MCA-LIM-6}
                """);
        assertThatThrownBy(() -> Catalogue.load(List.of(dir))).isInstanceOf(CatalogueException.class)
                .hasMessageContaining("bad.yaml:7").hasMessageContaining("BAD-PARAM")
                .hasMessageContaining("unknown param 'hsah'").hasMessageContaining("hash-not-offered")
                .hasMessageContaining("hash");
    }

    @Test
    void aParamOfTheWrongTypeFailsLoading(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), """
                scenarios:
                  - id: BAD-COUNT
                    title: a count that is no number
                    requirements: [MCA-PKI-5]
                    mutation: pkcs7-oversize
                    params: {count: many}
                    expect: {reject: MCA-PKI-5}
                  - id: BAD-CHECKS
                    title: a session check nobody runs
                    requirements: [MCA-SES-2]
                    check: session
                    params: {checks: [username, sesiondb]}
                    expect: accept
                """);
        assertThatThrownBy(() -> Catalogue.load(List.of(dir))).isInstanceOf(CatalogueException.class)
                .hasMessageContaining("bad.yaml:6").hasMessageContaining("BAD-COUNT")
                .hasMessageContaining("param 'count': expected a whole number, got the text 'many'");
        Files.writeString(dir.resolve("bad.yaml"), Files.readString(dir.resolve("bad.yaml")).replace("count: many", "count: 3"));
        assertThatThrownBy(() -> Catalogue.load(List.of(dir))).isInstanceOf(CatalogueException.class)
                .hasMessageContaining("bad.yaml:12").hasMessageContaining("BAD-CHECKS")
                .hasMessageContaining("param 'checks'").hasMessageContaining("sesiondb");
    }

    @Test
    void aCheckIsNotAMutationAndTheirParamsDoNotMix(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), """
                scenarios:
                  - id: BAD-KIND
                    title: a check named as a mutation
                    requirements: [MCA-SES-5]
                    mutation: trustpoints-view
                    expect: accept
                """);
        assertThatThrownBy(() -> Catalogue.load(List.of(dir))).isInstanceOf(CatalogueException.class)
                .hasMessageContaining("bad.yaml:5").hasMessageContaining("unknown mutation 'trustpoints-view'")
                .hasMessageContaining("is a check");
        Files.writeString(dir.resolve("bad.yaml"), """
                scenarios:
                  - id: BAD-MIX
                    title: a mutation's param on a check
                    requirements: [MCA-SES-3]
                    check: tunnel
                    params: {hash: md5}
                    expect: accept
                """);
        assertThatThrownBy(() -> Catalogue.load(List.of(dir))).isInstanceOf(CatalogueException.class)
                .hasMessageContaining("bad.yaml:6").hasMessageContaining("unknown param 'hash' for check 'tunnel'");
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
