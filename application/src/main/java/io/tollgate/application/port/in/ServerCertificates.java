package io.tollgate.application.port.in;

/**
 * The certificates the TLS listeners present, by SNI (Kong's certificates and SNIs): a node-wide snapshot rebuilt
 * when a certificate or an SNI changes on any node. Reading it is lock-free and never touches the database, so it is
 * safe during a handshake on an I/O thread.
 */
public interface ServerCertificates {

    /** The snapshot in use now; {@link TlsCertificates#EMPTY} before the first build. */
    TlsCertificates current();
}
