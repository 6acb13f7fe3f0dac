package io.tollgate.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.tollgate.architecture.fixture.domain.events.FixtureEvent;
import io.tollgate.architecture.fixture.domain.events.FixtureKinds;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Proves each of {@link EventStoreRules} reports exactly the violations planted in {@code fixture.domain.events}. */
class EventStoreRulesTest {

    private static final String FIXTURE = "io.tollgate.architecture.fixture";
    private static final String E = FIXTURE + ".domain.events.";
    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages(FIXTURE);

    private static List<String> violations(ArchRule rule) {
        return rule.evaluate(FIXTURES).getFailureReport().getDetails().stream()
                .map(detail -> detail.lines().map(String::strip).collect(Collectors.joining("\n")))
                .toList();
    }

    @Test
    void a_kind_named_outside_the_catalogue_is_reported_once_per_constant() {
        assertThat(violations(EventStoreRules.kindNamesStayInTheCatalogue(
                        FIXTURE, Set.of("widgets", "gadgets"), FixtureKinds.class)))
                .containsExactlyInAnyOrder(
                        "Class <" + E + "KindByName> holds the string constant \"gadgets\"",
                        "Class <" + E + "KindByName> holds the string constant \"widgets\"");
    }

    @Test
    void an_event_tested_with_instanceof_is_reported() {
        assertThat(violations(EventStoreRules.eventsAreSwitchedOver(FIXTURE, FixtureEvent.class)))
                .singleElement()
                .asString()
                .startsWith("Method <" + E + "EventConsumers.isHappened(java.lang.Object)> checks instanceof <" + E
                        + "Happened>");
    }

    @Test
    void an_open_interface_or_a_class_in_the_stream_is_reported() {
        assertThat(violations(EventStoreRules.theStreamIsSealedDownToRecords(FixtureEvent.class)))
                .containsExactlyInAnyOrder(
                        "Class <" + E + "Leaky> is an interface that is not sealed",
                        "Class <" + E + "Undone> is not a record");
    }
}
