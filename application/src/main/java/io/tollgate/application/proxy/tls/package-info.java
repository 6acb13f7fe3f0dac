/**
 * TLS on the proxy path: the node-wide snapshot of server certificates by SNI ({@link
 * io.tollgate.application.proxy.tls.CertificatesHolder}) and the resolution of a service's upstream TLS settings to
 * PEM ({@link io.tollgate.application.proxy.tls.UpstreamTlsResolver}). Only PEM text here; the HTTP adapter builds
 * the key material.
 */
@Application
@NullMarked
package io.tollgate.application.proxy.tls;

import org.jmolecules.architecture.hexagonal.Application;
import org.jspecify.annotations.NullMarked;
