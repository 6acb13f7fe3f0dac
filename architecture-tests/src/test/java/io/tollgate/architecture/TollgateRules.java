package io.tollgate.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

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
     * computation through the JDK's providers), as certificate and credential schemas do.
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
                        "org.jmolecules..",
                        "org.jspecify..")
                .because("the domain is pure Java + jMolecules and does no I/O");
    }

    /** The application depends on the domain only (plus the JDK and annotations), never on a framework. */
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
                        "org.jmolecules..",
                        "org.jspecify..")
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
}
