package org.mcalab.protocol.xml;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed {@code config-auth} document, from either side. Only what the protocol defines is kept;
 * {@link #opaqueXml()} is the {@code <opaque>} element exactly as received, because a client must echo it
 * verbatim (openconnect deep-copies it).
 *
 * @param type                 init, auth-request, auth-reply, complete, logout...
 * @param authMethods          every {@code auth-method} of every {@code capabilities} element, in order
 * @param capabilitiesElements how many {@code capabilities} elements there were (MCA-FLOW-8 tolerates 2)
 * @param authFields           children of {@code <auth>} that are plain form answers (username, password...)
 * @param hashAlgorithms       {@code multiple-client-cert-request/hash-algorithm} values (server request)
 * @param authId               {@code auth/@id} (server messages: "main", "success")
 * @param errors               {@code auth/error} (and top-level {@code error}) texts (server messages)
 * @param formInputs           names of {@code auth/form/input} elements (server form: username, password...)
 */
public record ConfigAuth(
        String type,
        String aggregateAuthVersion,
        String version,
        String deviceId,
        String groupSelect,
        String groupAccess,
        List<String> authMethods,
        int capabilitiesElements,
        boolean clientCertFail,
        Opaque opaque,
        String opaqueXml,
        String sessionToken,
        String sessionId,
        List<ClientCertChain> certChains,
        Map<String, String> authFields,
        List<String> hashAlgorithms,
        boolean multipleCertRequest,
        String random,
        boolean certAuthenticated,
        boolean clientCertRequest,
        String authId,
        List<String> errors,
        String banner,
        List<String> formInputs) {

    public boolean advertises(String authMethod) {
        return authMethods.contains(authMethod);
    }

    public Optional<String> authField(String name) {
        return Optional.ofNullable(authFields.get(name));
    }

    /** The gateway state echoed back by the client. */
    public record Opaque(String isFor, String tunnelGroup, String aggauthHandle, List<String> authMethods, String configHash) {}

    /**
     * One {@code client-cert-chain}.
     *
     * @param certStore          e.g. "1M" (Windows machine store) or "1U" (user store)
     * @param sentViaProtocol    {@code client-cert-sent-via-protocol} present: "this one came in the TLS handshake"
     * @param certFormat         {@code client-cert/@cert-format}, e.g. pkcs7
     * @param certBase64         {@code client-cert} text (MIME base64, may hold line feeds), or null
     * @param hashAlgorithmChosen {@code client-cert-auth-signature/@hash-algorithm-chosen}, or null
     * @param signatureBase64    {@code client-cert-auth-signature} text, or null
     */
    public record ClientCertChain(String certStore, boolean sentViaProtocol, String certFormat, String certBase64,
                                  String hashAlgorithmChosen, String signatureBase64) {}
}
