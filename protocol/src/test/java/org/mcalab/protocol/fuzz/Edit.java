package org.mcalab.protocol.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * One change to a seed document, placed by a fraction of its length so an edit stays meaningful as earlier
 * edits change the length (and shrinks towards position 0).
 */
record Edit(Kind kind, double at, int length, byte[] fragment) {
    enum Kind { FLIP, DELETE, INSERT, DUPLICATE, TRUNCATE }

    byte[] applyTo(byte[] in) {
        int pos = (int) Math.min(in.length, Math.floor(at * in.length));
        return switch (kind) {
            case FLIP -> {
                byte[] out = in.clone();
                if (out.length > 0) {
                    int p = Math.min(pos, out.length - 1);
                    out[p] ^= (byte) (1 << (length % 8));
                }
                yield out;
            }
            case DELETE -> {
                int end = Math.min(in.length, pos + length);
                yield concat(Arrays.copyOfRange(in, 0, pos), Arrays.copyOfRange(in, end, in.length));
            }
            case INSERT -> concat(Arrays.copyOfRange(in, 0, pos), fragment, Arrays.copyOfRange(in, pos, in.length));
            case DUPLICATE -> {
                int end = Math.min(in.length, pos + length);
                byte[] piece = Arrays.copyOfRange(in, pos, end);
                yield concat(Arrays.copyOfRange(in, 0, end), piece, Arrays.copyOfRange(in, end, in.length));
            }
            case TRUNCATE -> Arrays.copyOfRange(in, 0, pos);
        };
    }

    static byte[] applyAll(byte[] seed, List<Edit> edits) {
        byte[] b = seed;
        for (Edit e : edits) {
            b = e.applyTo(b);
        }
        return b;
    }

    /** Edits whose inserted fragments come from the hostile corpus, or are random bytes. */
    static Arbitrary<Edit> edits() {
        Arbitrary<byte[]> fragments = Arbitraries.oneOf(
                Arbitraries.of(WireSamples.FRAGMENTS).map(WireSamples::bytes),
                Arbitraries.of(WireSamples.RAW_FRAGMENTS),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(16));
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(1, 64), fragments).as(Edit::new);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return kind + "@" + String.format("%.3f", at) + "/" + length
                + (kind == Kind.INSERT ? " " + new String(fragment, java.nio.charset.StandardCharsets.UTF_8) : "");
    }
}
