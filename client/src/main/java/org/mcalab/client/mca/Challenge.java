package org.mcalab.client.mca;

import java.util.ArrayList;
import java.util.List;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.client.HttpResponse;

/**
 * The gateway's answer to an init. When it is an MCA auth-request, {@link #exactBytes()} are what the
 * client signs, byte for byte.
 *
 * @param doc         the parsed answer, or null when it was not config-auth XML
 * @param answerIndex where the answer sits in the transcript (to mark the signed bytes)
 */
public record Challenge(HttpResponse response, ConfigAuth doc, int answerIndex) {
    public boolean isMcaRequest() {
        return response.status() == 200 && doc != null && doc.multipleCertRequest();
    }

    public byte[] exactBytes() {
        return response.body();
    }

    /** MCA-FLOW-1 findings on the request's shape (empty when it is as specified). */
    public List<String> shapeFindings() {
        List<String> findings = new ArrayList<>();
        if (!isMcaRequest()) {
            return findings;
        }
        for (String h : List.of("sha256", "sha384", "sha512")) {
            if (!doc.hashAlgorithms().contains(h)) {
                findings.add("MCA-FLOW-1: the multiple-client-cert-request does not offer " + h);
            }
        }
        if (doc.random() == null || doc.random().isBlank()) {
            findings.add("MCA-FLOW-1: the auth-request has no random");
        }
        if (doc.opaque() == null || doc.opaque().aggauthHandle() == null || doc.opaque().aggauthHandle().isBlank()) {
            findings.add("MCA-FLOW-1: the auth-request has no aggauth-handle in its opaque");
        }
        return findings;
    }

    public String handle() {
        return doc == null || doc.opaque() == null ? null : doc.opaque().aggauthHandle();
    }
}
