package org.mcalab.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XmlIndenterTest {

    @Test
    void indentsNestedElementsAndKeepsLeavesOnOneLine() {
        String in = "<?xml version=\"1.0\"?>\n<a x=\"1>2\"><b>text</b><c/><d></d><e><f>g</f></e></a>";
        assertThat(XmlIndenter.indent(in)).isEqualTo("""
                <?xml version="1.0"?>
                <a x="1>2">
                  <b>text</b>
                  <c/>
                  <d></d>
                  <e>
                    <f>g</f>
                  </e>
                </a>""");
    }

    @Test
    void doctypeWithInternalSubsetCommentsAndCdataStayWhole() {
        String in = "<!DOCTYPE r [<!ENTITY x \"y>\">]><r><!-- a <b> --><![CDATA[<not-a-tag>]]></r>";
        assertThat(XmlIndenter.indent(in)).isEqualTo("""
                <!DOCTYPE r [<!ENTITY x "y>">]>
                <r>
                  <!-- a <b> -->
                  <![CDATA[<not-a-tag>]]>
                </r>""");
    }

    @Test
    void multiLineTextContinuesOneStepDeeper() {
        assertThat(XmlIndenter.indent("<a><b>MIIG\n   5z7w==</b></a>")).isEqualTo("<a>\n  <b>MIIG\n    5z7w==</b>\n</a>");
    }

    @Test
    void leavesWhatItCannotSplitUntouched() {
        assertThat(XmlIndenter.indent("<a><b unterminated")).isEqualTo("<a><b unterminated");
        assertThat(XmlIndenter.indent("<a><!-- never closed")).isEqualTo("<a><!-- never closed");
        assertThat(XmlIndenter.indent("HTTP/1.1 200 OK\nX-CSTP-MTU: 1434")).isEqualTo("HTTP/1.1 200 OK\nX-CSTP-MTU: 1434");
        assertThat(XmlIndenter.indent(null)).isEmpty();
    }

    @Test
    void unbalancedClosingTagsDoNotGoNegative() {
        assertThat(XmlIndenter.indent("</x></y><z/>")).isEqualTo("</x>\n</y>\n<z/>");
    }
}
