/** Credentials that authenticate consumers. */
@NullMarked
package io.tollgate.domain.credential;

import org.jspecify.annotations.NullMarked;
