/** Network addresses as Kong's schemas read them: host names, IPv4 and IPv6 literals, optional ports. */
@NullMarked
package io.tollgate.domain.net;

import org.jspecify.annotations.NullMarked;
