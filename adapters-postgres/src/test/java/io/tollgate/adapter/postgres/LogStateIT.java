package io.tollgate.adapter.postgres;

import static io.tollgate.adapter.postgres.Fixtures.consumer;
import static io.tollgate.adapter.postgres.Fixtures.keyAuth;
import static io.tollgate.adapter.postgres.Fixtures.service;
import static io.tollgate.adapter.postgres.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.port.out.LogPosition;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.service.Services;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogStateIT extends DatabaseIT {

    private final LogState state = new LogState(db.dsl);
    private final LogHistory history = new LogHistory(db.dsl);

    private Entity alpha;
    private Entity alphaRenamed;
    private Entity beta;
    private Entity carol;
    private Entity carolsKey;
    private LogPosition afterAlpha;
    private LogPosition afterBetaAndRename;
    private LogPosition afterCarol;
    private LogPosition afterAlphaDeleted;
    private LogPosition end;

    @BeforeEach
    @AfterEach
    void forgetCompaction() {
        history.uncompact();
    }

    /** alpha; alpha renamed + beta; carol with a key; alpha deleted, carol's key deleted. */
    private void writeHistory() {
        alpha = service("alpha");
        writes.insert(alpha);
        afterAlpha = history.last();
        alphaRenamed = with(alpha, Map.of("name", "alpha2"));
        writes.update(alphaRenamed);
        beta = service("beta");
        writes.insert(beta);
        afterBetaAndRename = history.last();
        carol = consumer("carol", null);
        writes.insert(carol);
        carolsKey = keyAuth("k-carol", carol);
        writes.insert(carolsKey);
        afterCarol = history.last();
        writes.delete(Services.SCHEMA, alpha.id());
        afterAlphaDeleted = history.last();
        writes.delete(carolsKey.schema(), carolsKey.id());
        end = history.last();
    }

    @Test
    void the_state_at_a_past_position_is_that_moments_entities() {
        writeHistory();

        assertThat(state.at(LogPosition.START))
                .allSatisfy((kind, entities) -> assertThat(entities).isEmpty());
        assertThat(state.at(afterAlpha).get(EntityKind.SERVICES)).containsExactly(alpha);
        assertThat(state.at(afterBetaAndRename).get(EntityKind.SERVICES))
                .containsExactlyElementsOf(byId(alphaRenamed, beta));
        Map<EntityKind, List<Entity>> atCarol = state.at(afterCarol);
        assertThat(atCarol.get(EntityKind.CONSUMERS)).containsExactly(carol);
        assertThat(atCarol.get(EntityKind.KEYAUTH_CREDENTIALS)).containsExactly(carolsKey);
        Map<EntityKind, List<Entity>> atEnd = state.at(end);
        assertThat(atEnd.get(EntityKind.SERVICES)).containsExactly(beta);
        assertThat(atEnd.get(EntityKind.CONSUMERS)).containsExactly(carol);
        assertThat(atEnd.get(EntityKind.KEYAUTH_CREDENTIALS)).isEmpty();
        assertThat(atEnd.keySet()).containsExactly(EntityKind.values());
    }

    @Test
    void the_state_now_is_what_the_tables_hold() {
        writeHistory();

        PastConfiguration now = state.configurationNow();

        assertThat(now.position()).isEqualTo(end);
        assertThat(now.entities().get(EntityKind.SERVICES))
                .containsExactlyInAnyOrderElementsOf(store.all(Services.SCHEMA));
        assertThat(now.entities().get(EntityKind.CONSUMERS))
                .containsExactlyInAnyOrderElementsOf(store.all(Consumers.SCHEMA));
    }

    @Test
    void position_at_a_moment_is_the_last_event_appended_at_or_before_it() {
        writeHistory();
        Instant alphaAt = history.occurredAt(afterAlpha);
        Instant carolAt = history.occurredAt(afterCarol);

        assertThat(state.positionAt(alphaAt)).contains(afterAlpha);
        assertThat(state.positionAt(carolAt)).contains(afterCarol);
        assertThat(state.positionAt(carolAt.minusNanos(1000)))
                .hasValueSatisfying(
                        p -> assertThat(p).isLessThan(afterCarol).isGreaterThanOrEqualTo(afterBetaAndRename));
        assertThat(state.positionAt(alphaAt.minusSeconds(1))).isEmpty();
        assertThat(state.positionAt(Instant.now().plusSeconds(60))).contains(end);
        double epochSeconds = carolAt.getEpochSecond() + carolAt.getNano() / 1e9 + 1e-6;
        assertThat(state.positionAt(epochSeconds)).contains(afterCarol);
    }

    @Test
    void a_configuration_at_a_moment_or_a_position_carries_both() {
        writeHistory();
        Instant carolAt = history.occurredAt(afterCarol);

        PastConfiguration byMoment = state.configurationAt(carolAt);
        PastConfiguration byPosition = state.configurationAt(afterCarol);

        assertThat(byMoment.position()).isEqualTo(afterCarol);
        assertThat(byMoment.moment()).isEqualTo(carolAt);
        assertThat(byPosition).isEqualTo(byMoment);
        assertThat(state.configurationAt(history.occurredAt(afterAlpha).minusSeconds(1)))
                .satisfies(empty -> assertThat(empty.position()).isEqualTo(LogPosition.START))
                .satisfies(empty -> assertThat(empty.entities().values()).allMatch(List::isEmpty));
    }

    @Test
    void after_compaction_the_snapshot_and_later_events_give_the_same_states() {
        writeHistory();
        Map<EntityKind, List<Entity>> atCarol = state.at(afterCarol);
        Map<EntityKind, List<Entity>> atEnd = state.at(end);

        history.compactUpTo(afterCarol);

        assertThat(state.at(afterCarol)).isEqualTo(atCarol);
        assertThat(state.at(end)).isEqualTo(atEnd);
        assertThat(state.positionAt(Instant.now().plusSeconds(60))).contains(end);
        assertThat(state.positionAt(Instant.now().minus(Duration.ofDays(1))))
                .as("every event of that moment is folded")
                .contains(afterCarol);
    }

    @Test
    void before_the_snapshot_the_log_cannot_tell_and_says_from_when_it_can() {
        writeHistory();
        Instant firstKept = history.occurredAt(afterAlphaDeleted);
        Map<EntityKind, List<Entity>> atFirstKept = state.at(afterAlphaDeleted);
        history.compactUpTo(afterCarol);
        LogState.Horizon horizon = state.horizon();

        assertThat(horizon.position()).isEqualTo(afterCarol);
        assertThat(horizon.moment())
                .as("the snapshot's own event is folded: the first kept event's moment")
                .isEqualTo(firstKept);
        assertThatThrownBy(() -> state.at(afterAlpha))
                .isInstanceOf(CompactedAway.class)
                .hasMessageContaining("position " + afterAlpha + " is before the event log's compaction snapshot")
                .hasMessageContaining("earliest exportable moment is")
                .hasMessageContaining("(position " + afterCarol + ")")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> state.configurationAt(horizon.moment().minusNanos(1000)))
                .isInstanceOf(CompactedAway.class)
                .hasMessageContaining("is before the event log's compaction snapshot");
        assertThat(state.configurationAt(firstKept).entities()).isEqualTo(atFirstKept);
    }

    @Test
    void positions_follow_the_transaction_ids_as_numbers_not_as_text() {
        Entity c = consumer("c", null);
        writes.insert(c);
        writes.insert(keyAuth("k", c));
        history.acrossADigitBoundary(1, 2);
        LogPosition last = new LogPosition(10, 2);

        assertThat(history.last()).isEqualTo(last);
        assertThat(state.positionAt(Instant.now().plusSeconds(60))).contains(last);
        assertThat(state.configurationNow().position()).isEqualTo(last);
        assertThat(state.at(new LogPosition(9, 1)).get(EntityKind.KEYAUTH_CREDENTIALS))
                .isEmpty();
        assertThat(state.at(last).get(EntityKind.KEYAUTH_CREDENTIALS)).hasSize(1);
    }

    @Test
    void a_whole_log_tells_every_moment() {
        writeHistory();

        assertThat(state.horizon()).isEqualTo(LogState.Horizon.WHOLE);
        assertThat(LogState.Horizon.WHOLE.tells(Instant.EPOCH)).isTrue();
    }

    private static List<Entity> byId(Entity... entities) {
        return Stream.of(entities)
                .sorted(Comparator.comparing((Entity e) -> e.id().toString()))
                .toList();
    }
}
