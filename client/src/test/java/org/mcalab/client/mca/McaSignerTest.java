package org.mcalab.client.mca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import javax.crypto.Cipher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class McaSignerTest {
    /** A challenge as the gateway sends it: the trailing newline is part of what is signed. */
    private static final byte[] CHALLENGE = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<config-auth client=\"vpn\" type=\"auth-request\" aggregate-auth-version=\"2\">\n"
            + "<random>3F0C</random>\n</config-auth>\n").getBytes(StandardCharsets.UTF_8);

    private static KeyPair rsa;
    private static KeyPair ec;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator r = KeyPairGenerator.getInstance("RSA");
        r.initialize(2048);
        rsa = r.generateKeyPair();
        KeyPairGenerator e = KeyPairGenerator.getInstance("EC");
        e.initialize(new ECGenParameterSpec("secp256r1"));
        ec = e.generateKeyPair();
    }

    @Test
    void prefersSha512ThenSha384ThenSha256WhateverTheServerOrder() {
        assertThat(McaSigner.preferredHash(List.of("sha256", "sha384", "sha512"))).contains("sha512");
        assertThat(McaSigner.preferredHash(List.of("sha256", "sha384"))).contains("sha384");
        assertThat(McaSigner.preferredHash(List.of("sha256"))).contains("sha256");
    }

    @Test
    void recognisesOnlyTheExactLowerCaseNames() {
        assertThat(McaSigner.preferredHash(List.of("SHA512", "sha1", "md5"))).isEmpty();
        assertThat(McaSigner.preferredHash(List.of("SHA512", "sha256"))).contains("sha256");
    }

    @Test
    void rsaSignatureIsPkcs1v15OverTheExactBytes() throws Exception {
        byte[] signature = McaSigner.sign(rsa.getPrivate(), "sha512", CHALLENGE);

        Signature verify = Signature.getInstance("SHA512withRSA");
        verify.initVerify(rsa.getPublic());
        verify.update(CHALLENGE);
        assertThat(verify.verify(signature)).isTrue();

        // PKCS#1 v1.5 encryption block type 1 with the SHA-512 DigestInfo prefix, not PSS
        Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
        raw.init(Cipher.DECRYPT_MODE, rsa.getPublic());
        byte[] block = raw.doFinal(signature);
        assertThat(block[0]).isEqualTo((byte) 0x00);
        assertThat(block[1]).isEqualTo((byte) 0x01);
        assertThat(block[2]).isEqualTo((byte) 0xFF);
    }

    @Test
    void ecKeysSignWithEcdsaAsOpenconnectDoes() throws Exception {
        byte[] signature = McaSigner.sign(ec.getPrivate(), "sha512", CHALLENGE);
        Signature verify = Signature.getInstance("SHA512withECDSA");
        verify.initVerify(ec.getPublic());
        verify.update(CHALLENGE);
        assertThat(verify.verify(signature)).isTrue();
        assertThat(signature[0]).as("DER SEQUENCE{r,s}").isEqualTo((byte) 0x30);
    }

    @Test
    void namesTheJcaAlgorithmForEveryKeyAndHash() {
        assertThat(McaSigner.algorithm(rsa.getPrivate(), "sha384")).isEqualTo("SHA384withRSA");
        assertThat(McaSigner.algorithm(rsa.getPrivate(), "md5")).isEqualTo("MD5withRSA");
        assertThat(McaSigner.algorithm(ec.getPrivate(), "sha256")).isEqualTo("SHA256withECDSA");
    }

    @Test
    void anUnknownDigestCannotBeSigned() {
        assertThatThrownBy(() -> McaSigner.sign(rsa.getPrivate(), "whirlpool", CHALLENGE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WHIRLPOOLwithRSA");
    }
}
