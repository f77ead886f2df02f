package org.mcalab.reports.html;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import org.mcalab.reports.model.Run;

/**
 * report.html: one self-contained page (inline CSS and SVG, no fetches, readable without script).
 * The templates in src/main/jte are compiled to classes at build time by the jte Maven plugin, so
 * rendering needs neither template files nor a compiler, which is what makes it work from the shaded CLI jar.
 */
public final class HtmlReport {

    /** Package of the generated template classes; must match packageName in reports/pom.xml. */
    static final String TEMPLATE_PACKAGE = "org.mcalab.reports.html.jte";

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(
            null, ContentType.Html, HtmlReport.class.getClassLoader(), TEMPLATE_PACKAGE);

    private HtmlReport() {}

    public static String render(Run run) {
        StringOutput out = new StringOutput(64 * 1024);
        ENGINE.render("report.jte", ReportViewBuilder.of(run), out);
        return out.toString();
    }
}
