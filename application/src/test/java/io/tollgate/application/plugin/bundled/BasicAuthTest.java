package io.tollgate.application.plugin.bundled;

import static io.tollgate.application.plugin.bundled.AuthHarness.status;
import static io.tollgate.application.plugin.bundled.BasicCredentialsTest.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.in.ProxyDecision;
import io.tollgate.application.port.in.ProxyDecision.Forward;
import io.tollgate.application.port.in.ProxyDecision.Respond;
import io.tollgate.application.proxy.Entities;
import io.tollgate.application.proxy.FakeExchange;
import io.tollgate.domain.credential.BasicAuthCredentials;
import io.tollgate.domain.credential.PasswordHasher;
import io.tollgate.domain.entity.Entity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kong's basic-auth access spec (10-basic-auth/03-access), ported to the proxy use case. */
class BasicAuthTest {

    static final String CHALLENGE = "Basic realm=\"service\"";

    /** Runs password checks when the test says so, to show they leave the caller's thread. */
    final List<Runnable> hashing = new ArrayList<>();

    final Executor deferred = hashing::add;
    final BasicAuth plugin = new BasicAuth(deferred);
    AuthHarness harness;
    Entity bob;
    Entity noBody;

    @BeforeEach
    void setUp() throws Exception {
        harness = new AuthHarness(List.of(plugin, new KeyAuth()));
        PasswordHasher hasher = new PasswordHasher(1000);
        bob = Entities.consumer("bob", null);
        noBody = Entities.consumer("no-body", null);
        harness.store.add(bob, noBody);
        harness.store.add(credential(bob, "bob", hasher.hash("kong")));
        harness.store.add(credential(bob, "user123", hasher.hash("password123")));
        harness.store.add(credential(bob, "user321", hasher.hash("password:123")));
        // imported from Kong: sha1_hex(password .. consumer_id)
        harness.store.add(credential(bob, "legacy", sha1Hex("old-secret" + bob.id())));
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    static Entity credential(Entity consumer, String username, String storedHash) {
        return Entities.of(
                BasicAuthCredentials.SCHEMA,
                Map.of(
                        "consumer",
                        Map.of("id", consumer.id().toString()),
                        "username",
                        username,
                        "password",
                        storedHash));
    }

    static String sha1Hex(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Decides, running the password checks as they are queued. */
    ProxyDecision decide(FakeExchange exchange) {
        CompletableFuture<ProxyDecision> stage =
                harness.proxying.handle(exchange).toCompletableFuture();
        while (!stage.isDone() && !hashing.isEmpty()) {
            hashing.remove(0).run();
        }
        assertThat(stage).isDone();
        return stage.join();
    }

    @Test
    void missingCredentialsAreUnauthorizedWithTheChallenge() {
        harness.route("basic", Map.of("basic-auth", Map.of()));

        assertThat(decide(FakeExchange.get("/basic"))).isEqualTo(status(401, "Unauthorized", CHALLENGE));
    }

    @Test
    void invalidCredentialsInEitherHeaderAreRejected() {
        harness.route("basic", Map.of("basic-auth", Map.of("realm", "kong")));
        Respond invalid = status(401, "Invalid authentication credentials", "Basic realm=\"kong\"");

        assertThat(decide(FakeExchange.get("/basic").header("Authorization", "foobar")))
                .isEqualTo(invalid);
        assertThat(decide(FakeExchange.get("/basic").header("Proxy-Authorization", "foobar")))
                .isEqualTo(invalid);
        assertThat(decide(FakeExchange.get("/basic").header("Authorization", "Basic a29uZw==")))
                .as("password only")
                .isEqualTo(invalid);
        assertThat(decide(FakeExchange.get("/basic").header("Authorization", "Basic Ym9i")))
                .as("username only")
                .isEqualTo(invalid);
        assertThat(decide(FakeExchange.get("/basic").header("Authorization", basic("bob:wrong"))))
                .isEqualTo(invalid);
        assertThat(decide(FakeExchange.get("/basic").header("Authorization", basic("nobody:kong"))))
                .isEqualTo(invalid);
    }

    @Test
    void aFullHashingQueueAnswers503AtOnceAndARememberedSuccessStillPasses() {
        harness.route("basic", Map.of("basic-auth", Map.of()));
        FakeExchange first = FakeExchange.get("/basic").header("Authorization", basic("bob:kong"));
        assertThat(decide(first)).isInstanceOf(Forward.class);
        harness.close();
        AtomicBoolean full = new AtomicBoolean(true);
        BasicAuth refusing = new BasicAuth(task -> {
            if (full.get()) {
                throw new RejectedExecutionException("queue full");
            }
            hashing.add(task);
        });
        harness = new AuthHarness(List.of(refusing, new KeyAuth()));
        harness.store.add(bob, credential(bob, "bob", new PasswordHasher(1000).hash("kong")));
        harness.route("basic", Map.of("basic-auth", Map.of()));

        assertThat(decide(FakeExchange.get("/basic").header("Authorization", basic("bob:kong"))))
                .isEqualTo(Respond.message(503, BasicAuth.OVERLOADED, Map.of("Retry-After", "1")));
        full.set(false);
        assertThat(decide(FakeExchange.get("/basic").header("Authorization", basic("bob:kong"))))
                .isInstanceOf(Forward.class);
        full.set(true);
        assertThat(decide(FakeExchange.get("/basic").header("Authorization", basic("bob:kong"))))
                .as("remembered: no hashing needed")
                .isInstanceOf(Forward.class);
    }

    @Test
    void validCredentialsAuthenticateTheConsumer() {
        harness.route("basic", Map.of("basic-auth", Map.of()));

        FakeExchange plain = FakeExchange.get("/basic").header("Authorization", "Basic Ym9iOmtvbmc=");
        assertThat(decide(plain)).isInstanceOf(Forward.class);
        assertThat(plain.header("X-Consumer-Username")).isEqualTo("bob");
        assertThat(plain.header("X-Consumer-ID")).isEqualTo(bob.id().toString());
        assertThat(plain.header("X-Credential-Identifier")).isEqualTo("bob");
        assertThat(plain.header("Authorization"))
                .as("kept without hide_credentials")
                .isEqualTo("Basic Ym9iOmtvbmc=");

        FakeExchange colon = FakeExchange.get("/basic").header("Authorization", basic("user321:password:123"));
        assertThat(decide(colon)).isInstanceOf(Forward.class);
        assertThat(colon.header("X-Credential-Identifier")).isEqualTo("user321");

        FakeExchange proxy = FakeExchange.get("/basic").header("Proxy-Authorization", basic("user123:password123"));
        assertThat(decide(proxy)).isInstanceOf(Forward.class);
        assertThat(proxy.header("X-Consumer-Username")).isEqualTo("bob");
    }

    @Test
    void proxyAuthorizationIsTriedFirstThenAuthorization() {
        harness.route("basic", Map.of("basic-auth", Map.of()));

        FakeExchange both = FakeExchange.get("/basic")
                .header("Proxy-Authorization", basic("unknown:x"))
                .header("Authorization", basic("user123:password123"));
        assertThat(decide(both)).isInstanceOf(Forward.class);
        assertThat(both.header("X-Credential-Identifier")).isEqualTo("user123");
    }

    @Test
    void kongsSha1HashesOfImportedCredentialsVerify() {
        harness.route("basic", Map.of("basic-auth", Map.of()));

        assertThat(decide(FakeExchange.get("/basic").header("Authorization", basic("legacy:old-secret"))))
                .isInstanceOf(Forward.class);
        assertThat(decide(FakeExchange.get("/basic").header("Authorization", basic("legacy:other"))))
                .isEqualTo(status(401, "Invalid authentication credentials", CHALLENGE));
    }

    @Test
    void hideCredentialsRemovesTheHeaders() {
        harness.route("hidden", Map.of("basic-auth", Map.of("hide_credentials", true)));

        FakeExchange exchange = FakeExchange.get("/hidden").header("Authorization", "Basic Ym9iOmtvbmc=");
        assertThat(decide(exchange)).isInstanceOf(Forward.class);
        assertThat(exchange.header("Authorization")).isNull();
    }

    @Test
    void verificationLeavesTheCallersThreadAndSuccessesAreRemembered() {
        harness.route("basic", Map.of("basic-auth", Map.of()));

        CompletableFuture<ProxyDecision> first = harness.proxying
                .handle(FakeExchange.get("/basic").header("Authorization", basic("bob:kong")))
                .toCompletableFuture();
        assertThat(first).as("the hash is checked on the executor").isNotDone();
        assertThat(hashing).hasSize(1);
        hashing.remove(0).run();
        assertThat(first).isDone();
        assertThat(first.join()).isInstanceOf(Forward.class);

        CompletableFuture<ProxyDecision> again = harness.proxying
                .handle(FakeExchange.get("/basic").header("Authorization", basic("bob:kong")))
                .toCompletableFuture();
        assertThat(again).as("a remembered success needs no hashing").isDone();
        assertThat(hashing).isEmpty();

        CompletableFuture<ProxyDecision> wrong = harness.proxying
                .handle(FakeExchange.get("/basic").header("Authorization", basic("bob:nope")))
                .toCompletableFuture();
        assertThat(wrong).as("another password is checked again").isNotDone();
        hashing.remove(0).run();
        assertThat(wrong.join()).isInstanceOf(Respond.class);
    }

    @Test
    void aChangedPasswordIsNotAnsweredFromMemory() throws Exception {
        harness.route("basic", Map.of("basic-auth", Map.of()));
        assertThat(decide(FakeExchange.get("/basic").header("Authorization", basic("bob:kong"))))
                .isInstanceOf(Forward.class);

        Entity old = harness.store
                .findBy(BasicAuthCredentials.SCHEMA, "username", "bob")
                .orElseThrow();
        Map<String, Object> changed = new java.util.HashMap<>(old.fields());
        changed.put("password", new PasswordHasher(1000).hash("new"));
        harness.store.add(new Entity(BasicAuthCredentials.SCHEMA, changed));
        harness.cache.purge();

        assertThat(decide(FakeExchange.get("/basic").header("Authorization", basic("bob:kong"))))
                .isEqualTo(status(401, "Invalid authentication credentials", CHALLENGE));
        assertThat(decide(FakeExchange.get("/basic").header("Authorization", basic("bob:new"))))
                .isInstanceOf(Forward.class);
    }

    @Test
    void anonymousTakesOverOnFailureAndAMissingOneIs500() {
        harness.route(
                "anon", Map.of("basic-auth", Map.of("anonymous", noBody.id().toString())));
        harness.route("ghost", Map.of("basic-auth", Map.of("anonymous", "ghost")));

        FakeExchange right = FakeExchange.get("/anon").header("Authorization", basic("user123:password123"));
        assertThat(decide(right)).isInstanceOf(Forward.class);
        assertThat(right.header("X-Consumer-Username")).isEqualTo("bob");
        assertThat(right.header("X-Anonymous-Consumer")).isNull();

        FakeExchange none = FakeExchange.get("/anon");
        assertThat(decide(none)).isInstanceOf(Forward.class);
        assertThat(none.header("X-Anonymous-Consumer")).isEqualTo("true");
        assertThat(none.header("X-Consumer-Username")).isEqualTo("no-body");

        assertThat(decide(FakeExchange.get("/ghost")))
                .isEqualTo(Respond.message(500, "anonymous consumer ghost is configured but doesn't exist"));
    }
}
