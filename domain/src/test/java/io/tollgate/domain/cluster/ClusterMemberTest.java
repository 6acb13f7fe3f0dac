package io.tollgate.domain.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClusterMemberTest {

    private static final Instant BEAT = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Duration TTL = Duration.ofHours(1);

    private static ClusterMember member(RecordedState recorded) {
        return new ClusterMember(
                UUID.randomUUID(),
                "host",
                "0.1.0",
                List.of("127.0.0.1:8000"),
                List.of("127.0.0.1:8001"),
                BEAT.minusSeconds(60),
                BEAT,
                42,
                "abc",
                INTERVAL,
                recorded);
    }

    @Test
    void anActiveMemberFailsOnlyAfterThreeMissedHeartbeats() {
        ClusterMember active = member(RecordedState.ACTIVE);
        assertThat(active.state(BEAT)).isEqualTo(MemberState.ACTIVE);
        assertThat(active.state(BEAT.plusSeconds(15))).isEqualTo(MemberState.ACTIVE);
        assertThat(active.state(BEAT.plusSeconds(15).plusMillis(1))).isEqualTo(MemberState.FAILED);
    }

    @Test
    void aLeavingMemberThatFallsSilentHasFailedToo() {
        ClusterMember leaving = member(RecordedState.LEAVING);
        assertThat(leaving.state(BEAT.plusSeconds(10))).isEqualTo(MemberState.LEAVING);
        assertThat(leaving.state(BEAT.plusSeconds(16))).isEqualTo(MemberState.FAILED);
    }

    @Test
    void aMemberThatLeftStaysLeftHoweverLongItIsSilent() {
        assertThat(member(RecordedState.LEFT).state(BEAT.plus(Duration.ofDays(3))))
                .isEqualTo(MemberState.LEFT);
    }

    @Test
    void failedAndLeftMembersExpireAfterTheTtlCountedFromTheLastHeartbeat() {
        Instant afterTtl = BEAT.plus(TTL).plusMillis(1);
        assertThat(member(RecordedState.LEFT).expired(BEAT.plus(TTL), TTL)).isFalse();
        assertThat(member(RecordedState.LEFT).expired(afterTtl, TTL)).isTrue();
        assertThat(member(RecordedState.ACTIVE).expired(afterTtl, TTL)).isTrue();
        assertThat(member(RecordedState.LEAVING).expired(afterTtl, TTL)).isTrue();
        // a failed member within the ttl is kept, and so is any live one
        assertThat(member(RecordedState.ACTIVE).expired(BEAT.plusSeconds(20), TTL))
                .isFalse();
        assertThat(member(RecordedState.ACTIVE).expired(BEAT.plusSeconds(1), Duration.ofMillis(1)))
                .isFalse();
    }

    @Test
    void lagCountsTheCommitsStillToApply() {
        ClusterMember member = member(RecordedState.ACTIVE);
        assertThat(member.lag(42)).isZero();
        assertThat(member.lag(50)).isEqualTo(8);
        assertThat(member.lag(40)).isZero();
    }

    @Test
    void statesHaveKongsNames() {
        assertThat(RecordedState.ofStored("leaving")).isEqualTo(RecordedState.LEAVING);
        assertThat(RecordedState.LEFT.stored()).isEqualTo("left");
        assertThat(MemberState.FAILED.shown()).isEqualTo("failed");
        assertThatThrownBy(() -> RecordedState.ofStored("failed")).isInstanceOf(IllegalArgumentException.class);
    }
}
