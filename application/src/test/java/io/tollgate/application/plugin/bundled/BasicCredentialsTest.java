package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Kong's basic-auth header parsing (spec 10-basic-auth/03-access: the Forbidden cases). */
class BasicCredentialsTest {

    static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsUsernameAndPasswordAfterTheFirstColon() {
        assertThat(BasicCredentials.parse("Basic Ym9iOmtvbmc=")).hasValue(new BasicCredentials("bob", "kong"));
        assertThat(BasicCredentials.parse(basic("user321:password:123")))
                .hasValue(new BasicCredentials("user321", "password:123"));
        assertThat(BasicCredentials.parse(basic("bob:"))).hasValue(new BasicCredentials("bob", ""));
        assertThat(BasicCredentials.parse("basic " + basic("bob:kong").substring(6)))
                .as("the scheme's first letter in any case")
                .hasValue(new BasicCredentials("bob", "kong"));
    }

    @Test
    void refusesWhatKongRefuses() {
        assertThat(BasicCredentials.parse("foobar")).isEmpty();
        assertThat(BasicCredentials.parse("Basic a29uZw==")).as("password only").isEmpty();
        assertThat(BasicCredentials.parse("Basic Ym9i")).as("username only").isEmpty();
        assertThat(BasicCredentials.parse("Basic adXNlcjEyMzpwYXNzd29yZDEyMw=="))
                .as("not base64")
                .isEmpty();
        assertThat(BasicCredentials.parse("Bearer " + basic("bob:kong").substring(6)))
                .isEqualTo(Optional.empty());
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(new BasicCredentials("bob", "kong").toString()).doesNotContain("kong");
    }
}
