package io.tollgate.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Proves each of {@link TollgateRules} reports exactly the violations planted in the fixture package (and nothing
 * else), as jmolecules-archunit tests its own rules. The fixture package mirrors the product's layout under
 * {@code io.tollgate.architecture.fixture}: {@code domain}, {@code application}, {@code adapter.{http,cache,postgres}},
 * {@code bootstrap}; each fixture class says in its Javadoc whether it is allowed or forbidden.
 */
class RulesCatchViolationsTest {

    private static final String FIXTURE = "io.tollgate.architecture.fixture";
    private static final String F = FIXTURE + ".";
    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages(FIXTURE);

    /** The rule's violation details, each line stripped of ArchUnit's indentation. */
    private static List<String> violations(ArchRule rule) {
        return rule.evaluate(FIXTURES).getFailureReport().getDetails().stream()
                .map(detail -> detail.lines().map(String::strip).collect(Collectors.joining("\n")))
                .toList();
    }

    @Test
    void the_domain_may_use_neither_jdbc_nor_an_adapter() {
        assertThat(violations(TollgateRules.domainIsPure(FIXTURE)))
                .containsExactlyInAnyOrder(
                        "Field <" + F + "domain.ImpureEntity.connection> has type <java.sql.Connection>"
                                + " in (ImpureEntity.java:0)",
                        "Field <" + F + "domain.ImpureEntity.adapter> has type <" + F + "adapter.http.AdminThing>"
                                + " in (ImpureEntity.java:0)");
    }

    @Test
    void the_application_may_use_neither_di_annotations_nor_dagger() {
        assertThat(violations(TollgateRules.applicationDependsOnTheDomainOnly(FIXTURE)))
                .containsExactlyInAnyOrder(
                        "Constructor <" + F + "application.InjectedUseCase.<init>()> is annotated with"
                                + " <jakarta.inject.Inject> in (InjectedUseCase.java:0)",
                        "Field <" + F + "application.InjectedUseCase.name> has type <dagger.Lazy>"
                                + " in (InjectedUseCase.java:0)",
                        "Field <" + F + "application.DaggerUseCaseComponent.useCase> has type <dagger.Lazy>"
                                + " in (DaggerUseCaseComponent.java:0)");
    }

    @Test
    void an_adapter_may_not_know_another_adapter() {
        assertThat(violations(TollgateRules.adaptersDoNotKnowEachOther(FIXTURE)))
                .containsExactly("Slice cache depends on Slice http:\n"
                        + "Method <" + F + "adapter.cache.NosyCache.peek(" + F + "adapter.http.AdminThing)> has"
                        + " parameter of type <" + F + "adapter.http.AdminThing> in (NosyCache.java:0)\n"
                        + "Method <" + F + "adapter.cache.NosyCache.peek(" + F + "adapter.http.AdminThing)> calls"
                        + " method <" + F + "adapter.http.AdminThing.name()> in (NosyCache.java:8)");
    }

    @Test
    void only_the_composition_root_may_know_adapters() {
        // bootstrap.Wiring knows both adapters and is not reported
        assertThat(violations(TollgateRules.onlyBootstrapKnowsAdapters(FIXTURE)))
                .containsExactly("Field <" + F + "domain.ImpureEntity.adapter> has type <" + F
                        + "adapter.http.AdminThing> in (ImpureEntity.java:0)");
    }

    @Test
    void a_library_stays_with_its_owners_except_in_generated_dagger_components() {
        // bootstrap.Wiring (an owner) and application.DaggerUseCaseComponent (a Dagger name) are not reported
        assertThat(violations(TollgateRules.libraryStaysInItsPlace(FIXTURE, "dagger..", ".adapter..", ".bootstrap..")))
                .containsExactly("Field <" + F + "application.InjectedUseCase.name> has type <dagger.Lazy>"
                        + " in (InjectedUseCase.java:0)");
    }

    @Test
    void packages_may_not_form_cycles_except_inside_the_generated_jooq_classes() {
        // adapter.postgres.schema <-> adapter.postgres.schema.tables is not reported
        assertThat(violations(TollgateRules.noCycles(FIXTURE)))
                .containsExactly("Cycle detected: Slice application ->\n"
                        + "Slice application.ring ->\n"
                        + "Slice application\n"
                        + "1. Dependencies of Slice application\n"
                        + "- Field <" + F + "application.Ping.pong> has type <" + F + "application.ring.Pong>"
                        + " in (Ping.java:0)\n"
                        + "2. Dependencies of Slice application.ring\n"
                        + "- Field <" + F + "application.ring.Pong.ping> has type <" + F + "application.Ping>"
                        + " in (Pong.java:0)");
    }

    @Test
    void every_package_outside_the_domain_and_the_generated_classes_carries_its_own_stereotype() {
        // adapter.http, adapter.cache, application and bootstrap are stereotyped; domain and
        // adapter.postgres.schema(.tables) are exempt; adapter.http.naked does not inherit adapter.http's stereotype
        assertThat(violations(TollgateRules.packagesAreStereotyped(FIXTURE)))
                .containsExactlyInAnyOrder(
                        "Package <" + F + "adapter.http.naked> is not annotated with a hexagonal stereotype",
                        "Package <" + F + "application.ring> is not annotated with a hexagonal stereotype",
                        "Package <" + F + "bootstrap.misfiled> of the composition root is not annotated with"
                                + " @CompositionRoot");
    }

    @Test
    void a_bundled_plugin_may_use_nothing_of_the_application_but_the_spi() {
        assertThat(violations(TollgateRules.bundledPluginsUseOnlyTheSpi(FIXTURE)))
                .containsExactly("Field <" + F + "application.plugin.bundled.Sneaky.ping> has type <" + F
                        + "application.Ping> in (Sneaky.java:0)");
    }
}
