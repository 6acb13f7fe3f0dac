package io.tollgate.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * Proves the rules bite: the fixture package holds a domain class that uses JDBC and a cache adapter that calls the
 * HTTP adapter, and the rules report exactly those.
 */
class RulesCatchViolationsTest {

    private static final String FIXTURE = "io.tollgate.architecture.fixture";
    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages(FIXTURE);

    @Test
    void a_domain_class_using_jdbc_breaks_the_purity_rule() {
        EvaluationResult result = TollgateRules.domainIsPure(FIXTURE).evaluate(FIXTURES);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(d -> d.contains("ImpureEntity") && d.contains("java.sql.Connection"));
    }

    @Test
    void an_adapter_calling_another_adapter_breaks_the_isolation_rule() {
        EvaluationResult result =
                TollgateRules.adaptersDoNotKnowEachOther(FIXTURE).evaluate(FIXTURES);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(d -> d.contains("NosyCache") && d.contains("AdminThing"));
    }

    @Test
    void a_domain_class_knowing_an_adapter_breaks_the_bootstrap_rule() {
        EvaluationResult result =
                TollgateRules.onlyBootstrapKnowsAdapters(FIXTURE).evaluate(FIXTURES);
        assertThat(result.hasViolation()).isTrue();
    }

    @Test
    void the_clean_fixture_class_passes() {
        JavaClasses clean =
                new ClassFileImporter().importClasses(io.tollgate.architecture.fixture.adapter.http.AdminThing.class);
        assertThat(TollgateRules.adaptersDoNotKnowEachOther(FIXTURE)
                        .evaluate(clean)
                        .hasViolation())
                .isFalse();
    }

    @Test
    void every_package_outside_the_domain_and_the_generated_classes_carries_its_own_stereotype() {
        // adapter.http, adapter.cache and bootstrap are stereotyped; domain and adapter.postgres.schema(.tables) are
        // exempt; adapter.http.naked does not inherit adapter.http's stereotype
        String f = FIXTURE + ".";
        assertThat(TollgateRules.packagesAreStereotyped(FIXTURE)
                        .evaluate(FIXTURES)
                        .getFailureReport()
                        .getDetails())
                .containsExactlyInAnyOrder(
                        "Package <" + f + "adapter.http.naked> is not annotated with a hexagonal stereotype",
                        "Package <" + f + "bootstrap.misfiled> of the composition root is not annotated with"
                                + " @CompositionRoot");
    }
}
