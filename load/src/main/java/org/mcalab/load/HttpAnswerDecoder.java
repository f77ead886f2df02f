package org.mcalab.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The login phase of a tunnel connection: HTTP/1.1 answers framed by Content-Length (what gateways send to
 * aggregate auth). The tunnel removes it before its CONNECT, whose answer the client's {@code CstpHandshaker} reads.
 */
final class HttpAnswerDecoder extends ByteToMessageDecoder {
    private static final int MAX_HEAD = 16 * 1024;
    private static final int MAX_BODY = 1 << 20;

    /** One answer; header names lower case, repeated headers kept in order. */
    record Answer(int status, String reason, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        List<String> all(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    private Answer head;
    private int bodyLength;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (head == null) {
            int end = endOfHead(in);
            if (end < 0) {
                if (in.readableBytes() > MAX_HEAD) {
                    throw new DecoderException("answer head larger than " + MAX_HEAD + " bytes");
                }
                return;
            }
            String text = in.readCharSequence(end - in.readerIndex(), StandardCharsets.ISO_8859_1).toString();
            in.skipBytes(4);
            head = parseHead(text);
            String length = head.header("content-length");
            bodyLength = length == null ? 0 : Integer.parseInt(length.trim());
            if (bodyLength < 0 || bodyLength > MAX_BODY) {
                throw new DecoderException("answer body of " + bodyLength + " bytes");
            }
        }
        if (in.readableBytes() < bodyLength) {
            return;
        }
        byte[] body = new byte[bodyLength];
        in.readBytes(body);
        Answer answer = new Answer(head.status(), head.reason(), head.headers(), body);
        head = null;
        out.add(answer);
    }

    private static int endOfHead(ByteBuf in) {
        for (int i = in.readerIndex(), n = in.writerIndex() - 3; i < n; i++) {
            if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n' && in.getByte(i + 2) == '\r' && in.getByte(i + 3) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static Answer parseHead(String text) {
        String[] lines = text.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
            throw new DecoderException("not an HTTP answer: " + lines[0]);
        }
        Map<String, List<String>> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        return new Answer(Integer.parseInt(status[1]), status.length > 2 ? status[2] : "", headers, new byte[0]);
    }
}
