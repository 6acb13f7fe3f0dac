/** Services: the upstream APIs traffic is proxied to. */
@NullMarked
package io.tollgate.domain.service;

import org.jspecify.annotations.NullMarked;
