/** Routes: the rules that match requests to services. */
@NullMarked
package io.tollgate.domain.route;

import org.jspecify.annotations.NullMarked;
