package io.tollgate.application.plugin.spi;

import java.io.IOException;

/**
 * The node's local syslog (Kong's {@code syslog} plugin writes through {@code syslog(3)}): one datagram per message,
 * already formatted (RFC 3164: {@code <PRI>Mmm dd hh:mm:ss ident[pid]: message}). Called off the request path (the
 * log phase); it may block briefly on a full socket buffer.
 */
@FunctionalInterface
public interface SyslogSink {

    /** No local syslog: every message is refused. */
    SyslogSink NONE = datagram -> {
        throw new IOException("no local syslog socket");
    };

    /**
     * Sends one datagram to the local syslog.
     *
     * @throws IOException when the socket cannot be reached or refuses the datagram
     */
    void send(byte[] datagram) throws IOException;
}
