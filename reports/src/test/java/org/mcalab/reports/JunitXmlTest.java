package org.mcalab.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.mcalab.reports.model.Evidence;
import org.mcalab.reports.model.Run;
import org.mcalab.reports.model.ScenarioResult;
import org.mcalab.reports.model.Status;
import org.mcalab.reports.model.TraceLine;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitXmlTest {

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        DocumentBuilder b = f.newDocumentBuilder();
        return b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    private static Element testcase(Document doc, String scenarioId) {
        return elements(doc, "testcase").stream().filter(e -> e.getAttribute("name").contains(scenarioId + ":")).findFirst().orElseThrow();
    }

    @Test
    void structureAndCountsMatchTheRun() throws Exception {
        Document doc = parse(JunitXml.render(SampleRuns.mixed()));

        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        // 7 scenarios and 4 robustness probes, one of which failed: junit.xml never says less than the verdict.
        assertThat(root.getAttribute("tests")).isEqualTo("11");
        assertThat(root.getAttribute("failures")).isEqualTo("2");
        assertThat(root.getAttribute("errors")).isEqualTo("1");
        assertThat(root.getAttribute("skipped")).isEqualTo("2");
        assertThat(root.getAttribute("time")).isEqualTo("74.512");

        List<Element> suites = elements(doc, "testsuite");
        assertThat(suites).extracting(e -> e.getAttribute("name"))
                .containsExactly("Flow", "Limits", "Certificate validation", "Session and tunnel", "Robustness",
                        "Robustness probes");
        int sum = 0;
        for (Element suite : suites) {
            int cases = suite.getElementsByTagName("testcase").getLength();
            assertThat(suite.getAttribute("tests")).isEqualTo(String.valueOf(cases));
            assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-03-01T10:15:30");
            assertThat(suite.getElementsByTagName("properties").getLength()).isEqualTo(1);
            sum += cases;
        }
        assertThat(sum).isEqualTo(11);
        assertThat(elements(doc, "property")).anySatisfy(p -> {
            assertThat(p.getAttribute("name")).isEqualTo("mcalab.target");
            assertThat(p.getAttribute("value")).isEqualTo("https://127.0.0.1:8443/");
        });
    }

    @Test
    void namesCarryRequirementIdsAndClassnamesTheGroup() throws Exception {
        Document doc = parse(JunitXml.render(SampleRuns.mixed()));

        Element ec = testcase(doc, "LIM5-EC-USER-TLS");
        assertThat(ec.getAttribute("name")).isEqualTo("[MCA-LIM-5] LIM5-EC-USER-TLS: EC P-256 key in the user certificate is refused");
        assertThat(ec.getAttribute("classname")).isEqualTo("mcalab.limits");
        assertThat(ec.getAttribute("time")).isEqualTo("0.412");
        assertThat(testcase(doc, "FLOW6-HAPPY-PATH").getAttribute("name")).startsWith("[MCA-FLOW-3, MCA-FLOW-6, MCA-LIM-3] ");
        assertThat(testcase(doc, "PKI3-REVOKED-USER").getAttribute("classname")).isEqualTo("mcalab.certificate_validation");
    }

    @Test
    void eachStatusMapsToItsElement() throws Exception {
        Document doc = parse(JunitXml.render(SampleRuns.mixed()));

        Element failure = (Element) testcase(doc, "LIM5-EC-USER-TLS").getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("expected reject MCA-LIM-5, observed accept");
        assertThat(failure.getAttribute("type")).isEqualTo("MCA-LIM-5");
        assertThat(failure.getTextContent()).contains("Observed: The gateway accepted the login", "Signature verify success");

        Element error = (Element) testcase(doc, SampleRuns.HOSTILE_SCENARIO).getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("message")).startsWith("The gateway reset the connection.");

        Element deviation = (Element) testcase(doc, "LIM6-SHA1-CHOSEN").getElementsByTagName("skipped").item(0);
        assertThat(deviation.getAttribute("message")).isEqualTo("known deviation: Vendor gateway 9.7(1) refuses but does not say why; tracked as VPN-1432.");

        assertThat(testcase(doc, "SES4-DTLS-FALLBACK").getElementsByTagName("skipped").getLength()).isEqualTo(1);
        Element happy = testcase(doc, "FLOW6-HAPPY-PATH");
        assertThat(happy.getChildNodes().getLength()).isZero();
        Element unexpected = testcase(doc, "PKI3-REVOKED-USER");
        assertThat(unexpected.getElementsByTagName("failure").getLength()).isZero();
        assertThat(unexpected.getElementsByTagName("system-out").item(0).getTextContent()).startsWith("Unexpected pass");
    }

    @Test
    void markupAndControlCharactersAreEscapedNotInterpreted() throws Exception {
        String xml = JunitXml.render(SampleRuns.mixed());
        Document doc = parse(xml);

        assertThat(xml).doesNotContain("\u0001").doesNotContain("<script>");
        Element error = (Element) testcase(doc, SampleRuns.HOSTILE_SCENARIO).getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("message")).contains("the connection.\\u0001 No HTTP response");
        assertThat(error.getTextContent()).contains("DOCTYPE is not allowed <script>alert(2)</script>");
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
    }

    @Test
    void everyIllegalCharacterStillGivesParseableXml() throws Exception {
        StringBuilder nasty = new StringBuilder("quote\" apos' amp& lt< gt> ");
        for (char c = 0; c < 0x20; c++) {
            nasty.append(c);
        }
        nasty.append('\uFFFE').append('\uFFFF').append('\uD800').append("x\uDFFF").append("ok \uD83D\uDE00 end");
        ScenarioResult s = SampleRuns.scenario("NASTY-" + nasty, nasty.toString(), List.of("MCA-ROB-1"), nasty.toString(),
                nasty.toString(), nasty.toString(), nasty.toString(), Status.FAIL, nasty.toString(), 1,
                new Evidence(List.of(), List.of(), null, List.of(new TraceLine(nasty.toString(), nasty.toString(), nasty.toString())),
                        java.util.Map.of(), List.of(nasty.toString())));
        Document doc = parse(JunitXml.render(SampleRuns.withScenarios(List.of(s))));

        Element tc = (Element) doc.getElementsByTagName("testcase").item(0);
        assertThat(tc.getAttribute("name")).contains("quote\" apos' amp& lt< gt>", "\\u0000", "\\u001F", "\\uFFFE", "\\uD800",
                "\uD83D\uDE00", "\t\n", "\r");
    }

    @Test
    void testcaseNamesAreUniqueEvenForRepeatedIds() throws Exception {
        ScenarioResult a = SampleRuns.mixed().scenarios().get(0);
        Run run = SampleRuns.withScenarios(List.of(a, a, a));
        Document doc = parse(JunitXml.render(run));

        Set<String> names = new HashSet<>();
        elements(doc, "testcase").forEach(e -> assertThat(names.add(e.getAttribute("classname") + "/" + e.getAttribute("name"))).isTrue());
        assertThat(names).hasSize(3);
    }
}
