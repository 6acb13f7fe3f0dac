/** Kong's router: routes and services compiled into an immutable, indexed structure; upstream paths. */
@Application
@NullMarked
package io.tollgate.application.proxy.router;

import org.jmolecules.architecture.hexagonal.Application;
import org.jspecify.annotations.NullMarked;
