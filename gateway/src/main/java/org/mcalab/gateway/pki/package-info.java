/**
 * Certificate validation for the reference gateway: the ASA's {@code crypto ca trustpoint} checks, made
 * synchronous and deterministic (a {@link java.time.Clock} for time, a {@link org.mcalab.gateway.pki.CrlSource}
 * for revocation) so each requirement can be unit-tested on its own.
 *
 * <h2>Check order of {@link org.mcalab.gateway.pki.CertificateValidator}</h2>
 * A certificate with one defect must be refused with that defect's requirement id, so the checks run from the
 * cheapest and most specific to the generic PKIX engine, and PKIX is only asked "is there a path":
 * <ol>
 *   <li><b>MCA-PKI-5</b> the set: not empty, at most 10 certificates, exactly one end-entity (non-CA) certificate,
 *       every other certificate on that leaf's issuer path. Any order; a trailing root is allowed.</li>
 *   <li><b>MCA-LIM-5</b> RSA keys only (EC, DSA, Ed25519 refused), for the leaf and the intermediates it brought.</li>
 *   <li><b>MCA-LIM-6</b> the certificates' own signatures are SHA-256/384/512 with RSA. Checked before PKIX, which
 *       would reject MD5 with a vague "algorithm constraints check failed".</li>
 *   <li><b>MCA-PKI-6</b> extended key usage holds clientAuth or anyExtendedKeyUsage, or is absent; key usage, when
 *       present, holds digitalSignature (both certificates sign).</li>
 *   <li><b>MCA-PKI-1</b> PKIX path validation to a trustpoint's CA certificates (trustpoints tried in the caller's
 *       preferred order), revocation disabled, at a moment when every certificate of the path is valid.</li>
 *   <li><b>MCA-PKI-2</b> validity of every certificate of the path, and the anchor, at the clock's time.</li>
 *   <li><b>MCA-PKI-3</b> revocation, when the trustpoint has {@code revocation-check crl}: the CRL from each
 *       certificate's http(s) distribution point, signed by its issuer. The leaf must name a CDP; intermediates
 *       without one are traced and skipped.</li>
 * </ol>
 * Every step but finding a path (MCA-PKI-1) and a set that is empty or has no end-entity certificate is a
 * {@link org.mcalab.gateway.pki.ChainCheck}: the validator runs the list it was given, {@link
 * org.mcalab.gateway.pki.ChainCheck#ALL} in the gateway, so a lab gateway leaves checks out instead of switching them
 * off inside the validator.
 *
 * <h2>Revocation fails closed</h2>
 * When the CRL cannot be fetched or trusted (unreachable, slow, reset, HTTP error, oversize, garbage, wrong
 * signature, stale), the certificate is refused with MCA-PKI-3 "revocation status unknown: CRL from &lt;url&gt;
 * unavailable (&lt;reason&gt;)". Only a trustpoint configured {@code revocation-check crl none}
 * ({@link org.mcalab.gateway.pki.RevocationCheck#CRL_OR_NONE}) accepts such a certificate, with a trace warning. A
 * listed serial is refused either way. {@link org.mcalab.gateway.pki.HttpCrlCache} fetches with 2 s connect /
 * 3 s request timeouts and a 1 MiB limit, caches until nextUpdate, and lets concurrent callers share a fetch.
 *
 * <p>Trace lines go to {@link org.mcalab.gateway.trace.DebugCategory#CRYPTO_CA}, phrased like the seed's
 * {@code debug crypto ca} output ("CRYPTO_PKI: Begin sorted cert chain", "CRYPTO_PKI: valid cert status.").
 */
package org.mcalab.gateway.pki;
