package io.tollgate.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.core.domain.PackageMatchers;
import com.tngtech.archunit.lang.AbstractClassesTransformer;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ClassesTransformer;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import io.tollgate.bootstrap.stereotype.CompositionRoot;
import java.lang.annotation.Annotation;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jmolecules.architecture.hexagonal.Adapter;
import org.jmolecules.architecture.hexagonal.Application;
import org.jmolecules.architecture.hexagonal.Port;
import org.jmolecules.architecture.hexagonal.PrimaryAdapter;
import org.jmolecules.architecture.hexagonal.PrimaryPort;
import org.jmolecules.architecture.hexagonal.SecondaryAdapter;
import org.jmolecules.architecture.hexagonal.SecondaryPort;

/**
 * Tollgate's layering rules, written with ArchUnit's own DSL on package patterns relative to the base package, so
 * the same rules run on the product ({@link ArchitectureTest}) and on deliberately broken fixtures
 * ({@link RulesCatchViolationsTest}).
 */
final class TollgateRules {

    private TollgateRules() {}

    /**
     * The domain depends on nothing but the JDK's core (no JDBC, files or other I/O), jMolecules and JSpecify.
     * {@code java.security..} is allowed for parsing and checking PEM certificates and keys in memory (pure
     * computation through the JDK's providers), as certificate and credential schemas do; {@code javax.crypto..} and
     * {@code java.nio.charset..} for hashing and verifying basic-auth passwords (PBKDF2, Kong's SHA-1) in memory.
     */
    static ArchRule domainIsPure(String base) {
        return classes()
                .that()
                .resideInAPackage(base + ".domain..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        base + ".domain..",
                        "java.lang..",
                        "java.util..",
                        "java.time..",
                        "java.net..",
                        "java.math..",
                        "java.io",
                        "java.security..",
                        "javax.crypto..",
                        "java.nio.charset..",
                        "org.jmolecules..",
                        "org.jspecify..")
                .because("the domain is pure Java + jMolecules and does no I/O");
    }

    /**
     * The bundled plugins use nothing of Tollgate but the plugin SPI and the domain (the JDK as they like; the
     * application-wide rule keeps frameworks out), so a custom plugin can do whatever they do.
     */
    static ArchRule bundledPluginsUseOnlyTheSpi(String base) {
        return noClasses()
                .that()
                .resideInAPackage(base + ".application.plugin.bundled..")
                .should()
                .dependOnClassesThat(JavaClass.Predicates.resideInAPackage(base + "..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAnyPackage(
                                base + ".application.plugin.bundled..",
                                base + ".application.plugin.spi..",
                                base + ".domain.."))))
                .because("bundled plugins are written against the plugin SPI only, as custom plugins are");
    }

    /**
     * The application depends on the domain only (plus the JDK, annotations, mime4j, a plain MIME parsing library
     * the bundled plugins read multipart bodies with, Failsafe, the retry library of the log plugins' queue, and
     * PCollections, the persistent maps the router patches), never on a framework.
     */
    static ArchRule applicationDependsOnTheDomainOnly(String base) {
        return classes()
                .that()
                .resideInAPackage(base + ".application..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        base + ".application..",
                        base + ".domain..",
                        "java..",
                        "javax.crypto..",
                        "javax.net.ssl..",
                        "dev.failsafe..",
                        "org.apache.james.mime4j..",
                        "org.jmolecules..",
                        "org.jspecify..",
                        "org.pcollections..")
                .because("use cases and ports carry no framework types and no DI annotations");
    }

    /** Adapters are swappable, so none knows another. */
    static ArchRule adaptersDoNotKnowEachOther(String base) {
        return slices().matching(base + ".adapter.(*)..")
                .should()
                .notDependOnEachOther()
                .because("users swap adapters independently");
    }

    /** Only bootstrap wires adapters together. */
    static ArchRule onlyBootstrapKnowsAdapters(String base) {
        return noClasses()
                .that()
                .resideOutsideOfPackages(base + ".adapter..", base + ".bootstrap..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(base + ".adapter..")
                .because("the domain and application must not know their adapters");
    }

    /** A technology's types stay in the adapter that owns it. */
    static ArchRule libraryStaysInItsPlace(String base, String library, String... owners) {
        String[] allowed = new String[owners.length];
        for (int i = 0; i < owners.length; i++) {
            allowed[i] = base + owners[i];
        }
        return noClasses()
                .that()
                .resideOutsideOfPackages(allowed)
                .and()
                .haveNameNotMatching(".*\\.Dagger[^.]*") // Dagger's generated component names every bound type
                .should()
                .dependOnClassesThat()
                .resideInAPackage(library)
                .because(library + " belongs to " + String.join(", ", owners));
    }

    /** No cycles between packages, except inside the jOOQ classes generated from the migrations. */
    static ArchRule noCycles(String base) {
        var generated = JavaClass.Predicates.resideInAPackage(base + ".adapter.postgres.schema..");
        return slices().matching(base + ".(**)").should().beFreeOfCycles().ignoreDependency(generated, generated);
    }

    /** jMolecules' hexagonal stereotypes, any one of which places a package in the hexagon. */
    static final List<Class<? extends Annotation>> HEXAGONAL_STEREOTYPES = List.of(
            Application.class,
            Port.class,
            PrimaryPort.class,
            SecondaryPort.class,
            Adapter.class,
            PrimaryAdapter.class,
            SecondaryAdapter.class);

    /** The packages of the imported classes, by name. */
    private static final ClassesTransformer<JavaPackage> PACKAGES = new AbstractClassesTransformer<>("packages") {
        @Override
        public Iterable<JavaPackage> doTransform(JavaClasses classes) {
            return classes.stream()
                    .map(JavaClass::getPackage)
                    .collect(Collectors.toCollection(() -> new TreeSet<>(Comparator.comparing(JavaPackage::getName))));
        }
    };

    /**
     * Every main package names its place in the architecture on its own {@code package-info}, so nothing escapes
     * {@link org.jmolecules.archunit.JMoleculesArchitectureRules#ensureHexagonal()} by accident: jMolecules puts a
     * class without a hexagonal stereotype into its "Unannotated" layer, which every layer may use and which is
     * itself unchecked (architecture.md §1.1, §3.9). Each package is checked by itself, never through a parent,
     * because jMolecules' default stereotype lookup does not inherit a package's annotation into its sub-packages
     * either: a sub-package without its own {@code package-info} stereotype is a violation even when its parent has
     * one.
     *
     * <ul>
     *   <li>{@code base.bootstrap..}, the composition root: {@link CompositionRoot}. It wires adapters to ports and
     *       builds the application services, which no hexagonal stereotype allows under the strict hexagonal rules,
     *       so it stays outside the hexagon on purpose, and says so.
     *   <li>{@code base.domain..}: exempt. The domain is the inside of the hexagon that every ring uses and carries no
     *       hexagonal stereotype (architecture.md §3.9); to the hexagonal rules it is deliberately "Unannotated". A
     *       domain type's stereotype is its DDD building block, stated on the type itself with jMolecules' DDD types
     *       (an aggregate implements {@code AggregateRoot}, its id {@code Identifier}) and checked by
     *       {@code JMoleculesDddRules}. Domain packages do not carry jMolecules' package-level DDD {@code @Module}:
     *       no rule reads it, and {@link #domainIsPure} already fences the whole domain.
     *   <li>{@code base.adapter.postgres.schema..}: exempt, the classes jOOQ generates from the migrations at every
     *       build (no hand-written {@code package-info}).
     *   <li>every other package: one of {@link #HEXAGONAL_STEREOTYPES}.
     * </ul>
     */
    static ArchRule packagesAreStereotyped(String base) {
        PackageMatchers exempt = PackageMatchers.of(base + ".domain..", base + ".adapter.postgres.schema..");
        PackageMatcher compositionRoot = PackageMatcher.of(base + ".bootstrap..");
        return ArchRuleDefinition.all(PACKAGES)
                .that(DescribedPredicate.describe(
                        "are outside the domain and the generated jOOQ classes", p -> !exempt.test(p.getName())))
                .should(new ArchCondition<JavaPackage>("carry a stereotype on their own package-info") {
                    @Override
                    public void check(JavaPackage pkg, ConditionEvents events) {
                        if (compositionRoot.matches(pkg.getName())) {
                            if (!pkg.isAnnotatedWith(CompositionRoot.class)) {
                                events.add(SimpleConditionEvent.violated(
                                        pkg,
                                        "Package <" + pkg.getName() + "> of the composition root is not annotated"
                                                + " with @CompositionRoot"));
                            }
                        } else if (HEXAGONAL_STEREOTYPES.stream().noneMatch(pkg::isAnnotatedWith)) {
                            events.add(SimpleConditionEvent.violated(
                                    pkg,
                                    "Package <" + pkg.getName() + "> is not annotated with a hexagonal stereotype"));
                        }
                    }
                })
                .because("a package without a stereotype escapes the hexagonal rules unnoticed");
    }
}
