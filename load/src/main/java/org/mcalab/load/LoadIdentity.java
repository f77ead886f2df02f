package org.mcalab.load;

import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import org.mcalab.client.ClientIdentity;
import org.mcalab.client.ClientTls;
import org.mcalab.client.mca.UserCertificate;
import org.mcalab.fixtures.HeldCertificate;
import org.mcalab.fixtures.LoadIdentities;
import org.mcalab.fixtures.Manifest;
import org.mcalab.fixtures.TestPki;

/**
 * One simulated client: the machine certificate it presents in TLS and, for MCA, the user certificate it proves
 * in XML (the client's {@link org.mcalab.client.mca.McaLogin} builds its PKCS#7 and signature). Minted and wrapped
 * before the load starts, never in a user loop.
 *
 * @param user null in single-certificate mode
 */
public record LoadIdentity(int index, ClientIdentity machine, UserCertificate user, KeyManagerFactory tlsKeys) {

    public LoadIdentity {
        Objects.requireNonNull(machine);
        Objects.requireNonNull(tlsKeys);
    }

    static LoadIdentity of(LoadIdentities.Pair pair, boolean withUser) {
        HeldCertificate held = pair.machine();
        ClientIdentity machine = ClientIdentity.of(held.privateKey(), held.chainWithoutRoot());
        UserCertificate user = withUser ? new UserCertificate(pair.user().privateKey(), pair.user().chainWithoutRoot()) : null;
        return new LoadIdentity(pair.index(), machine, user, ClientTls.keyManagerFactory(machine));
    }

    /**
     * Mints {@code count} identities from the PKI's machine and user CAs (bulk, on all cores; never in a user loop),
     * with the PKI's CRL distribution points so a revocation-checking gateway can validate them.
     *
     * @param withUser false for single-certificate logins (no user certificate is minted into the login)
     */
    public static List<LoadIdentity> mint(Manifest pki, int count, boolean withUser) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one identity");
        }
        List<LoadIdentities.Pair> pairs = LoadIdentities.issuedBy(pki.load(TestPki.MACHINE_CA).held(),
                        pki.load(TestPki.USER_CA).held())
                .crlBaseUrl(pki.crlBaseUrl())
                .mint(count);
        return pairs.parallelStream().map(p -> of(p, withUser)).toList();
    }
}
