package io.tollgate.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.tollgate.bootstrap.config.Property;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.event.ClusterEvent;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.jmolecules.archunit.JMoleculesArchitectureRules;
import org.jmolecules.archunit.JMoleculesDddRules;

/** The product's architecture, checked on every build. */
@AnalyzeClasses(packages = "io.tollgate", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String BASE = "io.tollgate";

    @ArchTest
    static final ArchRule hexagon = JMoleculesArchitectureRules.ensureHexagonal();

    @ArchTest
    static final ArchRule ddd_building_blocks = JMoleculesDddRules.all();

    @ArchTest
    static final ArchRule packages_are_stereotyped = TollgateRules.packagesAreStereotyped(BASE);

    @ArchTest
    static final ArchRule domain_is_pure = TollgateRules.domainIsPure(BASE);

    @ArchTest
    static final ArchRule application_depends_on_the_domain_only =
            TollgateRules.applicationDependsOnTheDomainOnly(BASE);

    @ArchTest
    static final ArchRule bundled_plugins_use_only_the_spi = TollgateRules.bundledPluginsUseOnlyTheSpi(BASE);

    @ArchTest
    static final ArchRule adapters_do_not_know_each_other = TollgateRules.adaptersDoNotKnowEachOther(BASE);

    @ArchTest
    static final ArchRule only_bootstrap_knows_adapters = TollgateRules.onlyBootstrapKnowsAdapters(BASE);

    @ArchTest
    static final ArchRule jooq_stays_in_the_postgres_adapter =
            TollgateRules.libraryStaysInItsPlace(BASE, "org.jooq..", ".adapter.postgres..");

    @ArchTest
    static final ArchRule undertow_stays_in_the_http_adapter =
            TollgateRules.libraryStaysInItsPlace(BASE, "io.undertow..", ".adapter.http..");

    @ArchTest
    static final ArchRule caffeine_stays_in_the_cache_adapter =
            TollgateRules.libraryStaysInItsPlace(BASE, "com.github.benmanes.caffeine..", ".adapter.cache..");

    @ArchTest
    static final ArchRule mime4j_stays_in_the_bundled_plugins =
            TollgateRules.libraryStaysInItsPlace(BASE, "org.apache.james.mime4j..", ".application.plugin.bundled..");

    @ArchTest
    static final ArchRule dagger_stays_in_wiring =
            TollgateRules.libraryStaysInItsPlace(BASE, "dagger..", ".adapter..", ".bootstrap..");

    @ArchTest
    static final ArchRule no_cycles = TollgateRules.noCycles(BASE);

    /** Kind names that are also field names (a route's {@code snis}) cannot be told apart and are not checked. */
    /** Kind names that are also words of Kong's schema JSON ({@code "keys"}: a map field's key type). */
    private static final Set<String> SCHEMA_WORDS = Set.of("keys");

    private static final Set<String> KIND_NAMES = Arrays.stream(EntityKind.values())
            .map(EntityKind::kongName)
            .filter(name ->
                    Schemas.ALL.stream().noneMatch(schema -> schema.field(name).isPresent()))
            .filter(name -> !SCHEMA_WORDS.contains(name))
            .collect(Collectors.toUnmodifiableSet());

    /** {@link Property} is the other catalogue of names: Kong's {@code plugins} property shares the kind's name. */
    @ArchTest
    static final ArchRule kind_names_stay_in_the_catalogue =
            EventStoreRules.kindNamesStayInTheCatalogue(BASE, KIND_NAMES, EntityKind.class, Property.class);

    @ArchTest
    static final ArchRule events_are_switched_over = EventStoreRules.eventsAreSwitchedOver(BASE, ClusterEvent.class);

    @ArchTest
    static final ArchRule the_stream_is_sealed_down_to_records =
            EventStoreRules.theStreamIsSealedDownToRecords(ClusterEvent.class);
}
