package org.mcalab.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.mcalab.protocol.Requirement;
import org.mcalab.protocol.cstp.CstpFrame;
import org.mcalab.protocol.cstp.CstpFrameDecoder;
import org.mcalab.protocol.cstp.CstpFrameEncoder;
import org.mcalab.protocol.cstp.CstpFrameException;

/**
 * MCA-ROB-2 for the CSTP decoder: any byte stream, split into reads at any points, gives frames and at most one
 * {@link CstpFrameException} (after which the stream is discarded silently), never another exception or a
 * hang, and every buffer is released (the allocator's used memory returns to zero).
 */
class CstpDecoderFuzzTest {
    private static final int MTU = 1406;

    /** A decoder on an embedded channel whose allocator counts every byte it hands out. */
    private static final class Harness {
        final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false, true);
        final EmbeddedChannel ch = new EmbeddedChannel();
        final List<CstpFrame> frames = new ArrayList<>();
        final List<CstpFrameException> errors = new ArrayList<>();

        Harness(int maxPayload) {
            ch.config().setAllocator(alloc);
            ch.pipeline().addLast(new CstpFrameDecoder(maxPayload));
        }

        void feed(byte[] chunk) {
            ByteBuf b = alloc.heapBuffer(chunk.length).writeBytes(chunk);
            try {
                ch.writeInbound(b);
            } catch (CstpFrameException e) {
                errors.add(e);
            }
            for (Object o; (o = ch.readInbound()) != null; ) {
                frames.add((CstpFrame) o);
            }
        }

        /** Releases everything and returns the bytes the allocator still has out. */
        long finish() {
            frames.forEach(CstpFrame::release);
            ch.finishAndReleaseAll();
            return alloc.metric().usedHeapMemory();
        }
    }

    @Property(tries = 2000)
    void arbitraryStreamsGiveFramesOrOneTypedErrorAndLeakNothing(@ForAll @Size(max = 4096) byte[] stream,
                                                                @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 4096) Integer> cuts)
            throws Exception {
        Bounded.call(() -> {
            Harness h = new Harness(MTU);
            for (byte[] chunk : split(stream, cuts)) {
                h.feed(chunk);
            }
            assertThat(h.errors).hasSizeLessThanOrEqualTo(1);
            h.errors.forEach(e -> assertThat(e.refusal().requirement()).isEqualTo(Requirement.MCA_ROB_2));
            h.frames.forEach(f -> assertThat(f.payload().readableBytes()).isLessThanOrEqualTo(MTU));
            assertThat(h.finish()).as("bytes still allocated").isZero();
            return null;
        });
    }

    /** Well-formed frames survive any split and come out exactly as written. */
    @Property(tries = 1000)
    void wellFormedFramesSurviveAnySplit(@ForAll @Size(max = 20) List<@From("frames") Frame> written,
                                         @ForAll @Size(max = 20) List<@IntRange(min = 0, max = 40_000) Integer> cuts) throws Exception {
        Bounded.call(() -> {
            byte[] wire = encode(written);
            Harness h = new Harness(MTU);
            for (byte[] chunk : split(wire, cuts)) {
                h.feed(chunk);
            }
            assertThat(h.errors).isEmpty();
            assertThat(h.frames).hasSameSizeAs(written);
            for (int i = 0; i < written.size(); i++) {
                assertThat(h.frames.get(i).typeCode()).isEqualTo(written.get(i).type());
                assertThat(ByteBufUtil.getBytes(h.frames.get(i).payload())).isEqualTo(written.get(i).payload());
            }
            assertThat(h.finish()).isZero();
            return null;
        });
    }

    /**
     * Good frames, then one corruption (bad magic, reserved byte, length over the MTU): the good frames are
     * delivered, exactly one MCA-ROB-2 error follows, and whatever comes after is swallowed.
     */
    @Property(tries = 1000)
    void corruptionAfterGoodFramesFailsOnceThenDiscards(@ForAll @Size(max = 8) List<@From("frames") Frame> good,
                                                        @ForAll("corruptions") byte[] bad,
                                                        @ForAll @Size(max = 2048) byte[] trailing,
                                                        @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 20_000) Integer> cuts)
            throws Exception {
        Bounded.call(() -> {
            byte[] wire = concat(encode(good), bad, trailing);
            Harness h = new Harness(MTU);
            for (byte[] chunk : split(wire, cuts)) {
                h.feed(chunk);
            }
            assertThat(h.frames).hasSameSizeAs(good);
            assertThat(h.errors).singleElement().satisfies(e -> assertThat(e.getMessage()).startsWith("MCA-ROB-2: "));
            h.feed(encode(good)); // after the failure even good frames are discarded
            assertThat(h.frames).hasSameSizeAs(good);
            assertThat(h.errors).hasSize(1);
            assertThat(h.finish()).isZero();
            return null;
        });
    }

    record Frame(int type, byte[] payload) {}

    @Provide
    Arbitrary<Frame> frames() {
        return Combinators.combine(Arbitraries.integers().between(0, 255),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(MTU)).as(Frame::new);
    }

    /** An 8-byte header that must be refused. */
    @Provide
    Arbitrary<byte[]> corruptions() {
        Arbitrary<byte[]> badMagic = Arbitraries.bytes().array(byte[].class).ofSize(4)
                .filter(m -> !(m[0] == 'S' && m[1] == 'T' && m[2] == 'F' && m[3] == 1))
                .map(m -> concat(m, new byte[] {0, 0, 0, 0}));
        Arbitrary<byte[]> reserved = Arbitraries.bytes().filter(b -> b != 0)
                .map(r -> new byte[] {'S', 'T', 'F', 1, 0, 0, 0, r});
        Arbitrary<byte[]> overMtu = Arbitraries.integers().between(MTU + 1, 0xFFFF)
                .map(len -> new byte[] {'S', 'T', 'F', 1, (byte) (len >> 8), (byte) len.intValue(), 0, 0});
        return Arbitraries.oneOf(badMagic, reserved, overMtu);
    }

    private static byte[] encode(List<Frame> frames) {
        ByteBuf out = UnpooledByteBufAllocator.DEFAULT.heapBuffer();
        try {
            for (Frame f : frames) {
                CstpFrameEncoder.writeFrame(f.type(), io.netty.buffer.Unpooled.wrappedBuffer(f.payload()), out);
            }
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    /** The stream cut at the given offsets (clamped, sorted): the reads a TLS layer might deliver. */
    static List<byte[]> split(byte[] stream, List<Integer> cuts) {
        int[] points = cuts.stream().mapToInt(c -> Math.min(c, stream.length)).sorted().toArray();
        List<byte[]> chunks = new ArrayList<>();
        int from = 0;
        for (int p : points) {
            chunks.add(Arrays.copyOfRange(stream, from, p));
            from = p;
        }
        chunks.add(Arrays.copyOfRange(stream, from, stream.length));
        return chunks;
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
