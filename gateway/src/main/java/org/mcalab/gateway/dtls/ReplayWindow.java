package org.mcalab.gateway.dtls;

/**
 * RFC 6347 §4.1.2.6 sliding window over (epoch, sequence) of records that BouncyCastle has authenticated. BC keeps its
 * own window and silently discards replays; this copy exists so the gateway can drop them early and count them.
 * A sequence is marked only after BC delivered its plaintext, so forged records cannot poison the window.
 */
final class ReplayWindow {
    private static final int SIZE = 64;
    private int epoch = -1;
    private long highest = -1;
    private long bitmap;

    synchronized boolean seen(int recordEpoch, long seq) {
        if (recordEpoch != epoch || highest < 0) {
            return false;
        }
        if (seq > highest) {
            return false;
        }
        long offset = highest - seq;
        if (offset >= SIZE) {
            return true; // too old to tell: DTLS treats it as a replay
        }
        return (bitmap & (1L << offset)) != 0;
    }

    synchronized void mark(int recordEpoch, long seq) {
        if (recordEpoch > epoch) {
            epoch = recordEpoch;
            highest = -1;
            bitmap = 0;
        } else if (recordEpoch < epoch) {
            return;
        }
        if (seq > highest) {
            long shift = highest < 0 ? SIZE : seq - highest;
            bitmap = shift >= SIZE ? 0 : bitmap << shift;
            bitmap |= 1;
            highest = seq;
        } else if (highest - seq < SIZE) {
            bitmap |= 1L << (highest - seq);
        }
    }
}
