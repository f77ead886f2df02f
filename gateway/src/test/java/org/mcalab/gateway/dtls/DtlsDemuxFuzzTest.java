package org.mcalab.gateway.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The first thing the UDP side does with a datagram is classify it and, for a ClientHello, read the session id at
 * offset 59 (docs/protocol.md §10.5). Arbitrary and mutated datagrams must only ever be classified, never throw: an
 * exception there would cost every client on the UDP socket.
 */
class DtlsDemuxFuzzTest {
    /** A ClientHello shaped like openconnect's PSK-NEGOTIATE one (docs/protocol.md §13.6), session id = 32 bytes of 0xAB. */
    static byte[] openconnectClientHello() {
        byte[] d = new byte[168];
        d[0] = 22;                          // handshake
        d[1] = (byte) 0xfe;                 // DTLS 1.0 record version
        d[2] = (byte) 0xff;
        d[11] = 0;                          // record length 155
        d[12] = (byte) 155;
        d[13] = 1;                          // ClientHello
        d[16] = (byte) 143;                 // message length
        d[24] = (byte) 143;                 // fragment length (offset 0)
        d[25] = (byte) 0xfe;                // client_version DTLS 1.2
        d[26] = (byte) 0xfd;
        for (int i = 27; i < 59; i++) {
            d[i] = (byte) i;                // random
        }
        d[59] = 32;                         // session id length
        Arrays.fill(d, 60, 92, (byte) 0xab);
        return d;
    }

    @Property(tries = 3000)
    void arbitraryDatagramsAreClassifiedNeverThrown(@ForAll @Size(max = 400) byte[] datagram) {
        classify(datagram);
    }

    @Property(tries = 3000)
    void mutatedClientHellosAreClassifiedNeverThrown(@ForAll("mutatedHellos") byte[] datagram) {
        Optional<DtlsRecords.ClientHello> hello = classify(datagram);
        hello.ifPresent(h -> {
            int length = datagram[DtlsRecords.SESSION_ID_LENGTH_OFFSET] & 0xff;
            assertThat(h.sessionId()).hasSize(length).isEqualTo(Arrays.copyOfRange(datagram, 60, 60 + length));
            assertThat(h.random()).hasSize(32);
        });
    }

    @Property(tries = 500)
    void theUnmutatedHelloYieldsItsSessionId(@ForAll @IntRange(min = 0, max = 200) int trailingBytes) {
        byte[] d = Arrays.copyOf(openconnectClientHello(), 168 + trailingBytes);
        assertThat(DtlsRecords.clientHello(d)).get().satisfies(h -> {
            byte[] expected = new byte[32];
            Arrays.fill(expected, (byte) 0xab);
            assertThat(h.sessionId()).isEqualTo(expected);
        });
    }

    @Property(tries = 2000)
    void theReplayWindowNeverAcceptsTheSameRecordTwice(@ForAll @Size(max = 200) long[] sequences) {
        ReplayWindow w = new ReplayWindow();
        for (long raw : sequences) {
            long seq = Math.floorMod(raw, 1L << 48);
            if (!w.seen(1, seq)) {
                w.mark(1, seq);
                assertThat(w.seen(1, seq)).as("seq %d marked", seq).isTrue();
            }
        }
    }

    private static Optional<DtlsRecords.ClientHello> classify(byte[] d) {
        if (DtlsRecords.looksLikeDtls(d)) {
            DtlsRecords.epoch(d);
            DtlsRecords.sequence(d);
            DtlsRecords.protectedApplicationData(d);
        }
        return DtlsRecords.clientHello(d);
    }

    @Provide
    Arbitrary<byte[]> mutatedHellos() {
        byte[] base = openconnectClientHello();
        Arbitrary<Integer> position = Arbitraries.integers().between(0, base.length - 1);
        Arbitrary<Byte> value = Arbitraries.bytes();
        Arbitrary<Integer> cut = Arbitraries.integers().between(0, base.length);
        return Arbitraries.oneOf(
                Combinators.combine(position, value, cut).as((p, v, c) -> {
                    byte[] d = Arrays.copyOf(base, c);
                    if (p < d.length) {
                        d[p] = v;
                    }
                    return d;
                }),
                Combinators.combine(position.list().ofMaxSize(8), value).as((ps, v) -> {
                    byte[] d = base.clone();
                    ps.forEach(p -> d[p] = v);
                    return d;
                }));
    }
}
