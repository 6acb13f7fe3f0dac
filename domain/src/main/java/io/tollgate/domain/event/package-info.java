/** Domain events: what changed, as appended to the event log. */
@NullMarked
package io.tollgate.domain.event;

import org.jspecify.annotations.NullMarked;
