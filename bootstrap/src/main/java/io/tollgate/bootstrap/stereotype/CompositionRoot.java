package io.tollgate.bootstrap.stereotype;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jmolecules.stereotype.Stereotype;

/**
 * The jMolecules stereotype of the composition root (what Cockburn calls the configurator): the packages that read
 * the configuration, build the adapters and the application services and wire them to the ports, then start and stop
 * the node. Such code necessarily touches every ring, so no hexagonal stereotype fits it (jMolecules' strict
 * hexagonal rules forbid an {@code @Adapter} to touch {@code @Application} services and vice versa); this stereotype
 * names the package without putting it into the hexagon. Put it on the {@code package-info} of every package of
 * {@code bootstrap}: the architecture tests check each package itself, not its parent.
 */
@Documented
@Stereotype
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface CompositionRoot {}
