package org.mcalab.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.mcalab.protocol.cstp.CstpFrame;
import org.mcalab.protocol.cstp.CstpFrameDecoder;
import org.mcalab.protocol.cstp.CstpFrameEncoder;
import org.mcalab.protocol.cstp.CstpPacketType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The CSTP codec (docs/protocol.md §9): framing one IP packet, and splitting a stream of {@value #BATCH} frames the way
 * the gateway's pipeline does (through the real {@link CstpFrameDecoder} in an EmbeddedChannel). Figures are frames
 * per microsecond; multiply by the payload size for bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CstpCodecBenchmark {
    static final int BATCH = 64;

    @Param({"64", "1400"})
    int payload;

    private ByteBuf packet;
    private ByteBuf stream;
    private EmbeddedChannel decoder;

    @Setup(Level.Trial)
    public void setUp() {
        packet = Unpooled.directBuffer(payload).writeZero(payload);
        stream = Unpooled.directBuffer(BATCH * (CstpFrame.HEADER_LENGTH + payload));
        for (int i = 0; i < BATCH; i++) {
            CstpFrameEncoder.writeFrame(CstpPacketType.DATA.code(), packet, stream);
        }
        decoder = new EmbeddedChannel(new CstpFrameDecoder(CstpFrame.MAX_PAYLOAD));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        decoder.finishAndReleaseAll();
        packet.release();
        stream.release();
    }

    /** One frame written into a pooled buffer, as the encoder does per packet. */
    @Benchmark
    public int encode() {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.directBuffer(CstpFrame.HEADER_LENGTH + payload);
        CstpFrameEncoder.writeFrame(CstpPacketType.DATA.code(), packet, out);
        int n = out.readableBytes();
        out.release();
        return n;
    }

    /** A read of {@value #BATCH} back-to-back frames, split into frames (retained slices, then released). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void decode(Blackhole bh) {
        decoder.writeInbound(stream.retainedDuplicate());
        CstpFrame f;
        while ((f = decoder.readInbound()) != null) {
            bh.consume(f.typeCode());
            f.release();
        }
    }
}
