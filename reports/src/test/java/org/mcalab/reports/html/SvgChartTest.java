package org.mcalab.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SvgChartTest {

    private static Document xml(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void lineChartIsWellFormedDeterministicAndScaled() throws Exception {
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i <= 10; i++) {
            pts.add(new double[] {i, 40 * i + 3});
        }
        pts.add(new double[] {11, Double.NaN});
        String svg = SvgChart.lineChart("logins <per> s & more", "logins/s", pts);

        assertThat(SvgChart.lineChart("logins <per> s & more", "logins/s", pts)).isEqualTo(svg);
        Document doc = xml(svg);
        assertThat(doc.getDocumentElement().getAttribute("viewBox")).isEqualTo("0 0 720 260");
        assertThat(doc.getElementsByTagName("circle").getLength()).isEqualTo(11);
        Element line = (Element) doc.getElementsByTagName("polyline").item(0);
        String[] points = line.getAttribute("points").split(" ");
        assertThat(points).hasSize(11);
        // x=0 sits on the left axis, y=0 would sit on the bottom axis (214), the top tick is 500 (403 rounded up to steps of 100).
        assertThat(points[0]).isEqualTo("64,212.9");
        assertThat(svg).contains(">500</text>").contains("logins &lt;per&gt; s &amp; more");
    }

    @Test
    void barChartHasOneBarPerValueWithLabels() throws Exception {
        String svg = SvgChart.barChart("Latency", "ms", List.of(new SvgChart.Bar("p50", 12.4), new SvgChart.Bar("p99", 28.3)));
        Document doc = xml(svg);
        assertThat(doc.getElementsByTagName("rect").getLength()).isEqualTo(2);
        assertThat(svg).contains(">12.4</text>", ">p99</text>");
    }

    @Test
    void statusBarSkipsZeroCountsAndSpansTheWidth() throws Exception {
        String svg = SvgChart.statusBar(List.of(new SvgChart.Segment("PASS", 3, "fill-pass"),
                new SvgChart.Segment("FAIL", 0, "fill-fail"), new SvgChart.Segment("ERROR", 1, "fill-error")));
        Document doc = xml(svg);
        assertThat(doc.getElementsByTagName("rect").getLength()).isEqualTo(2);
        Element second = (Element) doc.getElementsByTagName("rect").item(1);
        assertThat(second.getAttribute("x")).isEqualTo("750");
        assertThat(second.getAttribute("width")).isEqualTo("250");
        assertThat(xml(SvgChart.statusBar(List.of())).getElementsByTagName("rect").getLength()).isEqualTo(1);
    }

    @Test
    void scalesRoundToOneTwoFive() {
        assertThat(SvgChart.Scale.of(0, 403)).isEqualTo(new SvgChart.Scale(0, 500, 100));
        assertThat(SvgChart.Scale.of(0, 0)).isEqualTo(new SvgChart.Scale(0, 1, 0.2));
        assertThat(SvgChart.Scale.of(0, 41.7).ticks()).containsExactly(0.0, 10.0, 20.0, 30.0, 40.0, 50.0);
    }
}
