package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.ok;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ports Kong's {@code spec/02-integration/05-proxy/10-balancer/04-round-robin_spec.lua} (10 cases: 6 of "Balancing
 * with round-robin", 4 of "Balancing with no targets", the last one per localhost mode) against one real node, with
 * loopback upstreams ({@link NamedUpstream}) counting the requests they serve. Kong's weights divide a cycle of
 * {@code 2 * slots} sequential requests exactly, and so does Tollgate's round-robin wheel (each target
 * {@code weight / gcd} times per cycle), so the counts are asserted exactly as Kong asserts them. Kong runs every case
 * under both {@code worker_consistency} values; they count once here.
 */
class KongBalancerRoundRobinSpecIT {

    /** Kong's {@code bu.SLOTS}; each case sends {@code 2 * SLOTS} requests ("go round the balancer twice"). */
    private static final int SLOTS = 10;

    private static final int REQUESTS = SLOTS * 2;

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient admin;
    static int proxyPort;

    private final List<NamedUpstream> servers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-rr", dir, Map.of());
        admin = new KongSpecClient(node.admin());
        proxyPort = URI.create(node.proxy()).getPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @AfterEach
    void closeServers() {
        servers.forEach(NamedUpstream::close);
    }

    private NamedUpstream server(String bindHost) throws IOException {
        NamedUpstream server = new NamedUpstream(unique("server"), bindHost);
        servers.add(server);
        return server;
    }

    /** Kong's {@code bu.add_upstream}: an upstream with {@code slots = 10}; returns its id. */
    private static String upstream(String name) {
        return admin.create("/upstreams", body("name", name, "slots", SLOTS))
                .get("id")
                .asText();
    }

    /** Kong's {@code bu.add_target}: a target of the upstream (Kong's default weight is 10). */
    private static JsonNode target(String upstreamId, String target, int weight) {
        return admin.create("/upstreams/" + upstreamId + "/targets", body("target", target, "weight", weight));
    }

    /** Kong's {@code bu.update_target}: PATCHes the target (by id or {@code host:port}) to a new weight. */
    private static void weight(String upstreamId, String target, int weight) {
        ok(
                admin.send(
                        "PATCH",
                        "/upstreams/" + upstreamId + "/targets/" + target,
                        KongSpecClient.ContentType.JSON,
                        body("weight", weight)),
                200);
    }

    /** Kong's {@code bu.add_api}: a service on the upstream (port 80) and a route for a fresh host; returns it. */
    private static String api(String upstreamName) {
        String service = admin.create("/services", body("name", unique("rr-svc"), "host", upstreamName, "port", 80))
                .get("id")
                .asText();
        String host = unique("rr-host") + ".test";
        admin.create("/routes", body("hosts", List.of(host), "paths", List.of("/"), "service", Map.of("id", service)));
        return host;
    }

    /** The outcome of Kong's {@code bu.client_requests}: how many answered 200, and the last status. */
    private record Requests(int oks, int lastStatus) {}

    /** Kong's {@code bu.client_requests}: {@code n} sequential {@code GET /} with this {@code Host}. */
    private static Requests clientRequests(int n, String host) throws IOException {
        int oks = 0;
        int last = 0;
        for (int i = 0; i < n; i++) {
            last = RawHttp.request("GET", host, "/").send(proxyPort).status();
            oks += last == 200 ? 1 : 0;
        }
        return new Requests(oks, last);
    }

    private static void reset(NamedUpstream... upstreams) {
        for (NamedUpstream u : upstreams) {
            u.hits.set(0);
        }
    }

    /**
     * The set-up of Kong's first five "Balancing with round-robin" cases: an upstream, two loopback servers as its
     * targets of weight 10 (the second one's target id kept), and the host of a route to it.
     */
    private record TwoTargets(
            String upstreamId, NamedUpstream server1, NamedUpstream server2, String target2Id, String host) {}

    private TwoTargets twoTargets(String prefix) throws IOException {
        String name = unique(prefix);
        String id = upstream(name);
        NamedUpstream server1 = server("127.0.0.1");
        NamedUpstream server2 = server("127.0.0.1");
        target(id, server1.target(), 10);
        String target2 = target(id, server2.target(), 10).get("id").asText();
        return new TwoTargets(id, server1, server2, target2, api(name));
    }

    /** Kong's first round over the two targets of equal weight: every request answered, half by each server. */
    private static void evenRound(TwoTargets t) throws IOException {
        assertThat(clientRequests(REQUESTS, t.host()).oks()).isEqualTo(REQUESTS);
        assertThat(t.server1().hits.get()).isEqualTo(REQUESTS / 2);
        assertThat(t.server2().hits.get()).isEqualTo(REQUESTS / 2);
    }

    /** 04-round-robin_spec: "Balancing with round-robin over multiple targets". */
    @Test
    void over_multiple_targets() throws Exception {
        TwoTargets t = twoTargets("rr-multi");
        evenRound(t);
    }

    /** 04-round-robin_spec: "Balancing with round-robin adding a target" (50/50, then 40/40/20). */
    @Test
    void adding_a_target() throws Exception {
        TwoTargets t = twoTargets("rr-add");
        evenRound(t);

        NamedUpstream server3 = server("127.0.0.1");
        target(t.upstreamId(), server3.target(), 5);
        reset(t.server1(), t.server2());

        assertThat(clientRequests(REQUESTS, t.host()).oks()).isEqualTo(REQUESTS);
        assertThat(t.server1().hits.get()).isEqualTo(REQUESTS * 4 / 10);
        assertThat(t.server2().hits.get()).isEqualTo(REQUESTS * 4 / 10);
        assertThat(server3.hits.get()).isEqualTo(REQUESTS * 2 / 10);
    }

    /** 04-round-robin_spec: "Balancing with round-robin removing a target" (weight 0 by the target's id). */
    @Test
    void removing_a_target() throws Exception {
        TwoTargets t = twoTargets("rr-remove");
        evenRound(t);

        weight(t.upstreamId(), t.target2Id(), 0);
        t.server2().stop(); // as in Kong, only server 1 runs for the second round
        reset(t.server1());

        assertThat(clientRequests(REQUESTS, t.host()).oks()).isEqualTo(REQUESTS);
        assertThat(t.server1().hits.get()).isEqualTo(REQUESTS);
    }

    /** 04-round-robin_spec: "Balancing with round-robin modifying target weight" (50/50, then 40/60). */
    @Test
    void modifying_target_weight() throws Exception {
        TwoTargets t = twoTargets("rr-modify");
        evenRound(t);

        weight(t.upstreamId(), t.server2().target(), 15);
        reset(t.server1(), t.server2());

        assertThat(clientRequests(REQUESTS, t.host()).oks()).isEqualTo(REQUESTS);
        assertThat(t.server1().hits.get()).isEqualTo(REQUESTS * 4 / 10);
        assertThat(t.server2().hits.get()).isEqualTo(REQUESTS * 6 / 10);
    }

    /** 04-round-robin_spec: "Balancing with round-robin failure due to targets all 0 weight #db". */
    @Test
    void failure_due_to_targets_all_0_weight() throws Exception {
        TwoTargets t = twoTargets("rr-zero");
        evenRound(t);

        weight(t.upstreamId(), t.server1().target(), 0);
        weight(t.upstreamId(), t.server2().target(), 0);

        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ZERO)
                .untilAsserted(() ->
                        assertThat(clientRequests(1, t.host()).lastStatus()).isEqualTo(503));
    }

    /**
     * 04-round-robin_spec: "Balancing with round-robin failure due to targets all 0 weight #off" (both targets
     * created with weight 0; the case is not limited to DB-less mode).
     */
    @Test
    void failure_due_to_targets_all_0_weight_from_creation() throws Exception {
        String name = unique("rr-zero-created");
        String id = upstream(name);
        NamedUpstream server1 = server("127.0.0.1");
        NamedUpstream server2 = server("127.0.0.1");
        target(id, server1.target(), 0);
        target(id, server2.target(), 0);
        String host = api(name);

        assertThat(clientRequests(1, host).lastStatus()).isEqualTo(503);
        assertThat(server1.hits.get() + server2.hits.get()).isZero();
    }

    /** 04-round-robin_spec: "Balancing with no targets failure due to no targets". */
    @Test
    void failure_due_to_no_targets() throws Exception {
        String name = unique("rr-none");
        upstream(name);
        String host = api(name);

        assertThat(clientRequests(1, host).lastStatus()).isEqualTo(503);
    }

    /**
     * The address families of Kong's "removing and adding the same target" cases: Kong's tag, the address the server
     * binds and the target's host.
     */
    static Stream<Arguments> addressFamilies() {
        return Stream.of(
                Arguments.of("ipv4", "127.0.0.1", "127.0.0.1"),
                Arguments.of("ipv6", "::1", "[::1]"),
                Arguments.of("hostname", "127.0.0.1", "localhost"));
    }

    /**
     * 04-round-robin_spec: "Balancing with no targets removing and adding the same target #db #ipv4", "… #db #ipv6"
     * and "… #db #hostname" (one invocation each).
     */
    @ParameterizedTest(name = "removing and adding the same target #db #{0}")
    @MethodSource("addressFamilies")
    void removing_and_adding_the_same_target(String family, String bindHost, String targetHost) throws Exception {
        String name = unique("rr-readd");
        String id = upstream(name);
        NamedUpstream server = server(bindHost);
        target(id, targetHost + ":" + server.port(), 100);
        // the target in the PATCH path, with an IPv6 address's brackets percent-encoded
        String target = targetHost.replace("[", "%5B").replace("]", "%5D") + ":" + server.port();
        String host = api(name);
        int requests = 20;

        assertThat(clientRequests(requests, host).oks()).isEqualTo(requests);
        assertThat(server.hits.get()).isEqualTo(requests);

        weight(id, target, 0);
        reset(server);
        assertThat(clientRequests(requests, host).oks()).isZero();
        assertThat(server.hits.get()).isZero();

        weight(id, target, 100);
        assertThat(clientRequests(requests, host).oks()).isEqualTo(requests);
        assertThat(server.hits.get()).isEqualTo(requests);
    }
}
