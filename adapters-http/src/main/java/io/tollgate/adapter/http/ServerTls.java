package io.tollgate.adapter.http;

import java.util.Objects;

/**
 * The default certificate of the TLS listeners (Kong's {@code ssl_cert} / {@code ssl_cert_key}, or the self-signed
 * one Kong generates under its prefix): presented when the client sends no SNI or one that no {@code snis} entity
 * names.
 *
 * @param certPem the certificate chain, PEM, leaf first
 * @param keyPem the leaf's private key, PEM (PKCS#8, PKCS#1 or SEC1, unencrypted)
 */
public record ServerTls(String certPem, String keyPem) {

    public ServerTls {
        Objects.requireNonNull(certPem, "certPem");
        Objects.requireNonNull(keyPem, "keyPem");
    }
}
