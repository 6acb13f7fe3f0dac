package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailedLoginsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final FailedLogins logins = new FailedLogins(now::get);

    private static InetAddress address(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    private void advanceSeconds(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void an_address_is_refused_after_the_limit_until_its_window_ends() throws Exception {
        InetAddress guesser = address("192.0.2.7");
        for (int i = 0; i < FailedLogins.LIMIT - 1; i++) {
            logins.failed(guesser);
        }
        assertThat(logins.retryAfterSeconds(guesser)).isZero();
        logins.failed(guesser);
        assertThat(logins.retryAfterSeconds(guesser)).isEqualTo(FailedLogins.WINDOW_SECONDS);

        advanceSeconds(59);
        assertThat(logins.retryAfterSeconds(guesser)).isEqualTo(1);
        assertThat(logins.retryAfterSeconds(address("192.0.2.8")))
                .as("other addresses are not affected")
                .isZero();
        advanceSeconds(1);
        assertThat(logins.retryAfterSeconds(guesser)).isZero();
    }

    @Test
    void a_new_window_starts_at_the_first_failure_after_the_last_one_ended() throws Exception {
        InetAddress client = address("2001:db8::1");
        for (int i = 0; i < FailedLogins.LIMIT - 1; i++) {
            logins.failed(client);
        }
        advanceSeconds(FailedLogins.WINDOW_SECONDS);
        logins.failed(client);
        assertThat(logins.retryAfterSeconds(client))
                .as("the earlier failures expired with their window")
                .isZero();
    }
}
