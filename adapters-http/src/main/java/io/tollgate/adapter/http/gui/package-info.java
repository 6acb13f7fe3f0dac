/**
 * Kong's admin GUI listeners ({@code admin_gui_listen}): a Kong Manager build served from a directory under
 * {@code admin_gui_path}, with Kong's {@code kconfig.js}.
 */
@PrimaryAdapter
@NullMarked
package io.tollgate.adapter.http.gui;

import org.jmolecules.architecture.hexagonal.PrimaryAdapter;
import org.jspecify.annotations.NullMarked;
