package org.mcalab.gateway.tunnel.tun;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Linux TUN device (layer 3, no packet-information header): each read is one IP packet the kernel routed to
 * the device, each write hands one IP packet to the kernel as if it arrived on it. The device is not persistent:
 * it disappears when {@link #close} closes the descriptor, so a crashed gateway leaves nothing behind.
 *
 * <p>The descriptor is non-blocking and {@link #read} waits with poll(2) in short slices, because a thread blocked
 * in read(2) on a TUN descriptor is not woken by close(2) from another thread: the slice bounds how long
 * {@link #close} takes to stop a reader.
 */
public final class TunDevice implements AutoCloseable {
    /** {@code _IOW('T', 202, int)} from linux/if_tun.h. */
    private static final long TUNSETIFF = 0x400454caL;
    private static final short IFF_TUN = 0x0001;
    private static final short IFF_NO_PI = 0x1000;
    private static final int IFNAMSIZ = 16;
    private static final int POLL_SLICE_MILLIS = 200;

    private final int fd;
    private final String name;
    private final ByteBuffer pollFd = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
    private final long pollFdAddress = address(pollFd);
    private volatile boolean closed;
    /** Calls inside read(2)/write(2)/poll(2): close(2) waits for them, so a recycled descriptor number is never used. */
    private final AtomicInteger inFlight = new AtomicInteger();

    private TunDevice(int fd, String name) {
        this.fd = fd;
        this.name = name;
        pollFd.putInt(0, fd).putShort(4, Libc.POLLIN);
    }

    /**
     * Creates the device {@code name} (or the kernel's next {@code tunN} when the name ends in {@code %d}).
     *
     * @throws TunException when this is not Linux, /dev/net/tun is missing, or the process lacks CAP_NET_ADMIN
     */
    public static TunDevice create(String name) throws TunException {
        if (!Platform.isLinux()) {
            throw new TunException("a TUN inside network needs Linux (this is " + System.getProperty("os.name") + ")");
        }
        byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
        if (wanted.length == 0 || wanted.length >= IFNAMSIZ) {
            throw new TunException("TUN device name must be 1-15 characters: '" + name + "'");
        }
        int fd;
        try {
            fd = Libc.open("/dev/net/tun", Libc.O_RDWR | Libc.O_NONBLOCK);
        } catch (UnsatisfiedLinkError e) {
            throw new TunException("cannot load libc through JNA: " + e.getMessage());
        }
        if (fd < 0) {
            throw new TunException("cannot open /dev/net/tun: " + Libc.strerror(Libc.errno()));
        }
        // struct ifreq: char ifr_name[16]; then the union, of which ifr_flags (short) is the first member
        byte[] ifreq = new byte[40];
        System.arraycopy(wanted, 0, ifreq, 0, wanted.length);
        ByteBuffer.wrap(ifreq).order(ByteOrder.nativeOrder()).putShort(IFNAMSIZ, (short) (IFF_TUN | IFF_NO_PI));
        if (Libc.ioctl(fd, TUNSETIFF, ifreq) < 0) {
            int errno = Libc.errno();
            Libc.close(fd);
            throw new TunException("cannot create TUN device '" + name + "' (TUNSETIFF): " + Libc.strerror(errno)
                    + (errno == 1 ? " - needs root or CAP_NET_ADMIN" : ""));
        }
        int end = 0;
        while (end < IFNAMSIZ && ifreq[end] != 0) {
            end++;
        }
        return new TunDevice(fd, new String(ifreq, 0, end, StandardCharsets.US_ASCII));
    }

    /** The name the kernel gave the device. */
    public String name() {
        return name;
    }

    /**
     * Reads one packet into {@code into} (a direct buffer) from its position; waits at most one poll slice.
     *
     * @return the packet's length, 0 when none arrived within the slice, -1 once the device is closed
     */
    public int read(ByteBuffer into) throws TunException {
        if (!enter()) {
            return -1;
        }
        try {
            while (!closed) {
                long n = Libc.read(fd, address(into) + into.position(), into.remaining());
                if (n >= 0) {
                    return (int) n;
                }
                int errno = Libc.errno();
                if (errno == Libc.EINTR) {
                    continue;
                }
                if (errno != Libc.EAGAIN) {
                    throw new TunException("read from " + name + ": " + Libc.strerror(errno));
                }
                if (Libc.poll(pollFdAddress, 1, POLL_SLICE_MILLIS) == 0) {
                    return 0;
                }
            }
            return -1;
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * Writes one packet (the {@code length} bytes at native address {@code address}) to the kernel.
     *
     * @return null when written, else why not (queue full, device down, closed)
     */
    public String write(long address, int length) {
        if (!enter()) {
            return "inside device closed";
        }
        try {
            long n = Libc.write(fd, address, length);
            if (n == length) {
                return null;
            }
            if (n >= 0) {
                return "short write to " + name;
            }
            int errno = Libc.errno();
            return errno == Libc.EAGAIN ? "inside device queue full" : "write to " + name + ": " + Libc.strerror(errno);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** {@link #write(long, int)} of the first {@code length} bytes of a direct buffer. */
    public String write(ByteBuffer direct, int length) {
        return write(address(direct), length);
    }

    /** Closes the descriptor; the kernel removes the device. A reader returns within one poll slice. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + 2L * POLL_SLICE_MILLIS * 1_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
        Libc.close(fd);
    }

    private boolean enter() {
        inFlight.incrementAndGet();
        if (closed) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    static long address(ByteBuffer direct) {
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("TUN buffers must be direct");
        }
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }
}
