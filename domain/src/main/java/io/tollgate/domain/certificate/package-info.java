/**
 * TLS certificates and keys (kong-internals §6.7–§6.9): server certificates with their SNIs, and CA certificates
 * that services and upstreams may trust. PEM is parsed with the JDK's {@code java.security} providers, in memory.
 */
@NullMarked
package io.tollgate.domain.certificate;

import org.jspecify.annotations.NullMarked;
