/** Keeping the event log bounded: every node compacts it on a schedule, one node at a time. */
@Application
@NullMarked
package io.tollgate.application.compaction;

import org.jmolecules.architecture.hexagonal.Application;
import org.jspecify.annotations.NullMarked;
