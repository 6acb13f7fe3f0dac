package io.tollgate.bootstrap.logging;

import io.tollgate.application.plugin.spi.SyslogSink;
import java.io.IOException;
import java.net.DatagramPacket;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The node's local syslog on a Unix datagram socket ({@code syslog_socket_path}, by default {@code /dev/log}, what
 * {@code syslog(3)} writes to), through
 * junixsocket (the JDK has no Unix datagram sockets). The socket opens on the first message and again after a failed
 * send (a syslog daemon restarted); a send failing on a fresh socket too is reported to the caller.
 */
public final class UnixSyslog implements SyslogSink {

    private final Path path;
    private @Nullable AFUNIXDatagramSocket socket;

    /** @param path the syslog daemon's Unix datagram socket */
    public UnixSyslog(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    @Override
    public synchronized void send(byte[] datagram) throws IOException {
        try {
            sendOnce(datagram);
        } catch (IOException e) {
            close();
            sendOnce(datagram); // the daemon may have been restarted: its socket is a new one
        }
    }

    private void sendOnce(byte[] datagram) throws IOException {
        AFUNIXDatagramSocket open = socket;
        if (open == null) {
            open = AFUNIXDatagramSocket.newInstance();
            try {
                open.connect(AFUNIXSocketAddress.of(path));
            } catch (IOException | RuntimeException e) {
                open.close();
                throw e;
            }
            socket = open;
        }
        open.send(new DatagramPacket(datagram, datagram.length));
    }

    /** Closes the socket (the next message opens a new one). */
    public synchronized void close() {
        if (socket != null) {
            socket.close();
        }
        socket = null;
    }
}
