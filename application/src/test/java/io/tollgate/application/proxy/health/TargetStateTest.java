package io.tollgate.application.proxy.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.PeerOutcome;
import io.tollgate.application.proxy.health.TargetState.Failure;
import io.tollgate.application.proxy.health.TargetState.Health;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetStateTest {

    private static final CheckSettings.Counters COUNTERS =
            new CheckSettings.Counters(Set.of(200), 2, Set.of(500), 3, 2, 1);

    private static TargetState report(TargetState state, PeerOutcome... outcomes) {
        for (PeerOutcome outcome : outcomes) {
            state = state.report(outcome, COUNTERS);
        }
        return state;
    }

    @Test
    void http_failures_make_a_target_unhealthy_at_the_limit_passing_through_mostly_healthy() {
        TargetState one = report(TargetState.INITIAL, PeerOutcome.response(500, 1));
        assertThat(one.health()).isEqualTo(Health.MOSTLY_HEALTHY);
        assertThat(one.available()).isTrue();
        assertThat(one.httpFailures()).isEqualTo(1);
        TargetState two = report(one, PeerOutcome.response(500, 1));
        assertThat(two.health()).isEqualTo(Health.MOSTLY_HEALTHY);
        TargetState three = report(two, PeerOutcome.response(500, 1));
        assertThat(three.health()).isEqualTo(Health.UNHEALTHY);
        assertThat(three.available()).isFalse();
    }

    @Test
    void tcp_failures_and_timeouts_have_their_own_counters_and_limits() {
        TargetState tcp = report(TargetState.INITIAL, PeerOutcome.tcpError(1));
        assertThat(tcp.available()).isTrue();
        assertThat(tcp.tcpFailures()).isEqualTo(1);
        assertThat(tcp.httpFailures()).isZero();
        assertThat(report(tcp, PeerOutcome.tcpError(1)).health()).isEqualTo(Health.UNHEALTHY);
        assertThat(report(TargetState.INITIAL, PeerOutcome.timeout(1)).health()).isEqualTo(Health.UNHEALTHY);
        // one TCP failure and one HTTP failure reach neither limit of 2 and 3
        assertThat(report(TargetState.INITIAL, PeerOutcome.tcpError(1), PeerOutcome.response(500, 1))
                        .available())
                .isTrue();
    }

    @Test
    void a_success_clears_the_failure_counters_and_a_failure_clears_the_success_counter() {
        TargetState failing = report(TargetState.INITIAL, PeerOutcome.response(500, 1), PeerOutcome.response(500, 1));
        TargetState reset = report(failing, PeerOutcome.response(200, 1));
        assertThat(reset.httpFailures()).isZero();
        assertThat(reset.successes()).isEqualTo(1);
        assertThat(reset.health()).isEqualTo(Health.MOSTLY_HEALTHY);
        // the two failures before the success no longer count: three more are needed
        TargetState again = report(reset, PeerOutcome.response(500, 1), PeerOutcome.response(500, 1));
        assertThat(again.available()).isTrue();
        assertThat(again.successes()).isZero();
        assertThat(report(again, PeerOutcome.response(500, 1)).available()).isFalse();
    }

    @Test
    void successes_bring_an_unhealthy_target_back_at_the_limit_through_mostly_unhealthy() {
        TargetState down = TargetState.forced(false);
        TargetState one = report(down, PeerOutcome.response(200, 1));
        assertThat(one.health()).isEqualTo(Health.MOSTLY_UNHEALTHY);
        assertThat(one.available()).isFalse();
        assertThat(report(one, PeerOutcome.response(200, 1)).health()).isEqualTo(Health.HEALTHY);
        // a failure in between restarts the count of successes
        TargetState interrupted = report(one, PeerOutcome.response(500, 1), PeerOutcome.response(200, 1));
        assertThat(interrupted.health()).isEqualTo(Health.MOSTLY_UNHEALTHY);
    }

    @Test
    void nothing_is_counted_toward_the_state_the_target_is_already_fully_in() {
        assertThat(report(TargetState.INITIAL, PeerOutcome.response(200, 1))).isSameAs(TargetState.INITIAL);
        TargetState down = TargetState.forced(false);
        assertThat(report(down, PeerOutcome.response(500, 1), PeerOutcome.tcpError(1), PeerOutcome.timeout(1)))
                .isSameAs(down);
    }

    @Test
    void a_zero_limit_disables_that_counter() {
        assertThat(TargetState.INITIAL.failure(Failure.HTTP, 0)).isSameAs(TargetState.INITIAL);
        TargetState down = TargetState.forced(false);
        assertThat(down.success(0)).isSameAs(down);
        CheckSettings.Counters off = new CheckSettings.Counters(Set.of(200), 0, Set.of(500), 0, 0, 0);
        assertThat(TargetState.INITIAL.report(PeerOutcome.response(500, 1), off))
                .isSameAs(TargetState.INITIAL);
        assertThat(down.report(PeerOutcome.response(200, 1), off)).isSameAs(down);
    }

    @Test
    void statuses_in_neither_list_are_ignored_and_status_zero_is_an_http_failure() {
        assertThat(report(TargetState.INITIAL, PeerOutcome.response(404, 1))).isSameAs(TargetState.INITIAL);
        assertThat(report(TargetState.INITIAL, PeerOutcome.response(0, 1)).httpFailures())
                .isEqualTo(1);
    }

    @Test
    void a_forced_state_resets_every_counter() {
        TargetState counted = report(TargetState.INITIAL, PeerOutcome.response(500, 1), PeerOutcome.tcpError(1));
        assertThat(TargetState.forced(true)).isEqualTo(new TargetState(Health.HEALTHY, 0, 0, 0, 0));
        assertThat(TargetState.forced(false)).isEqualTo(new TargetState(Health.UNHEALTHY, 0, 0, 0, 0));
        assertThat(counted.tcpFailures()).isEqualTo(1);
    }

    @Test
    void counters_saturate_at_255() {
        TargetState state = new TargetState(Health.MOSTLY_HEALTHY, 0, 255, 0, 0);
        assertThat(state.failure(Failure.HTTP, 255).httpFailures()).isEqualTo(255);
    }
}
