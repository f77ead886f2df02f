package org.mcalab.gateway.tunnel.tun;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The few libc calls a TUN device needs, bound by JNA direct mapping (a JNI stub per method, no reflection per
 * call: read and write run once per packet). Buffers are passed as raw addresses ({@code long}), which is what a
 * pointer is on the LP64 Linux targets this runs on.
 */
final class Libc {
    static final int O_RDWR = 0x2;
    static final int O_NONBLOCK = 0x800;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final short POLLIN = 0x1;

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private Libc() {
    }

    static native int open(String path, int flags);

    /** ioctl is variadic; its third argument is a pointer, which the x86-64 and aarch64 ABIs pass like a fixed one. */
    static native int ioctl(int fd, long request, byte[] argument);

    static native long read(int fd, long buffer, long count);

    static native long write(int fd, long buffer, long count);

    static native int poll(long fds, long count, int timeoutMillis);

    static native int close(int fd);

    static native String strerror(int errno);

    static int errno() {
        return Native.getLastError();
    }
}
