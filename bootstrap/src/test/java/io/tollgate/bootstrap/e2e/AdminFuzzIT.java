package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.bootstrap.e2e.AdminSurface.Link;
import io.tollgate.bootstrap.e2e.AdminSurface.Resource;
import io.tollgate.bootstrap.e2e.HostileBodies.Body;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes every write endpoint of the Admin API of a real node (the built jar, on an embedded PostgreSQL): each
 * POST collection, PATCH and PUT entity endpoint, top-level and nested, as {@link AdminSurface} derives them from
 * the entity schemas, gets malformed and hostile bodies ({@link HostileBodies}) and a minority of valid ones
 * ({@link ValidBodies}). Every answer must be below 500, free of stack traces and Java class names, and a 400 must
 * carry Kong's JSON error body. At the end the database must hold exactly the rows the accepted writes produced
 * (a {@link Ledger} of 2xx answers, minus deletes and their cascades), and every row written once must equal the
 * entity its write answered.
 *
 * <p>Replay: {@code -Dfuzz.seed=<seed printed on stdout>}; size with {@code -Dfuzz.hostile=N} hostile
 * bodies (default 10,000; a valid one more for every fifteen).
 */
class AdminFuzzIT {

    private static final long SEED = Long.getLong("fuzz.seed", new Random().nextLong());
    /** Hostile bodies to send; every {@link #VALID_EVERY}th request besides carries a valid body. */
    private static final int HOSTILE = Integer.getInteger("fuzz.hostile", 10_000);

    private static final int VALID_EVERY = 16;
    private static final int REQUESTS = HOSTILE + HOSTILE / (VALID_EVERY - 1);
    private static final int THREADS = 4;
    private static final List<String> LEAKS = List.of("at io.", "Exception", "java.", "\tat ");
    private static final List<String> ODD_SEGMENTS = List.of(
            "%00",
            "..",
            "a%2Fb",
            "%27%3B%20DROP%20TABLE%20services%3B--",
            "%0D%0AX-Injected:%201",
            "%C3%28",
            "%ED%A0%80",
            "%25zz",
            "x".repeat(3000));

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static NodeProcess node;
    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final AdminSurface surface = AdminSurface.current();
    private final Ledger ledger = new Ledger(surface);
    private final ValidBodies valid = new ValidBodies(ledger::anyId);
    private final HostileBodies hostile = new HostileBodies(valid);
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> tally = new ConcurrentHashMap<>();
    private final AtomicInteger hostileAnswered = new AtomicInteger();
    private final Map<String, LongAdder> latency = new ConcurrentHashMap<>();

    /** One write endpoint: a method on a resource, top-level or below {@code link}'s parent. */
    private record Target(String method, Resource resource, Link link) {}

    @BeforeAll
    static void startNode() throws Exception {
        cluster = TestCluster.startFast(dir);
        node = cluster.node("fuzz", cluster.settings());
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.close();
            Files.writeString(Path.of("target", "AdminFuzzIT-node.log"), node.log()); // for a post-mortem
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void hostile_bodies_get_kong_errors_and_leave_only_the_rows_accepted_writes_made() throws Exception {
        System.out.println(
                "AdminFuzzIT seed " + SEED + " (replay with -Dfuzz.seed=" + SEED + "), " + REQUESTS + " requests");
        long start = System.nanoTime();
        seedEachResource(new Random(SEED));
        List<Target> targets = targets();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        for (int i = 0; i < REQUESTS; i++) {
            int n = i;
            pool.execute(() -> fuzzOne(n, targets, new Random(SEED * 1_000_003L + n)));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.MINUTES))
                .as("fuzzing finished")
                .isTrue();
        try (Connection db = cluster.database().getConnection()) {
            for (Resource resource : surface.resources) {
                ledger.refreshRewritten(
                        resource.schema().name(), rows(db, resource.schema().name()));
            }
        }
        deleteSome(new Random(SEED + 1));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("AdminFuzzIT: " + REQUESTS + " requests to " + targets.size() + " endpoints in "
                + took.toMillis() + " ms; answers by kind/status: " + new TreeMap<>(tally));
        Map<String, Long> ms = new TreeMap<>();
        latency.forEach((k, v) -> ms.put(k, v.sum() / 1_000_000));
        System.out.println("AdminFuzzIT: total ms waiting per kind: " + ms);

        assertDatabaseMatchesLedger();
        assertThat(failures).as("%d failures (seed %d)", failures.size(), SEED).isEmpty();
        assertThat(hostileAnswered.get()).as("hostile bodies answered").isGreaterThanOrEqualTo(HOSTILE);
        assertThat(tally.keySet().stream().filter(k -> k.startsWith("valid") && k.endsWith(" 2xx")))
                .as("valid bodies were accepted")
                .isNotEmpty();
    }

    /** Three valid creates per schema, in dependency order, so that every endpoint has parents to write under. */
    private void seedEachResource(Random random) {
        for (Resource resource : surface.resources) {
            Link via = resource.topLevel()
                    ? null
                    : surface.linksTo(resource).stream().findFirst().orElse(null);
            if (!resource.topLevel() && via == null) {
                continue;
            }
            int made = 0;
            for (int tries = 0; made < 3 && tries < 20; tries++) {
                Optional<Map<String, Object>> body =
                        valid.create(resource.schema(), via == null ? null : via.foreignField(), random);
                if (body.isEmpty()) {
                    System.out.println("AdminFuzzIT: no valid body could be built for "
                            + resource.schema().name());
                    made = -1;
                    break;
                }
                String path = "/" + resource.path();
                if (via != null) {
                    Optional<String> parent = ledger.anyId(via.parent().schema().name());
                    if (parent.isEmpty()) {
                        made = -1;
                        break;
                    }
                    path = "/" + via.parent().path() + "/" + parent.get() + "/" + resource.nestedPath();
                }
                Body json = new Body(
                        "seed",
                        HostileBodies.text(body.get()).getBytes(StandardCharsets.UTF_8),
                        HostileBodies.JSON,
                        true);
                Http.Response answer = send("POST", path, json);
                assertThat(answer.status())
                        .as("seed POST %s %s -> %s", path, HostileBodies.text(body.get()), answer.body())
                        .isIn(201, 409);
                if (answer.status() == 201) {
                    ledger.written(resource.schema().name(), answer.json());
                    made++;
                }
            }
            assertThat(made)
                    .as(
                            "valid creates of %s (-1: none could be built)",
                            resource.schema().name())
                    .isNotZero();
        }
    }

    private List<Target> targets() {
        List<Target> out = new ArrayList<>();
        for (Resource resource : surface.resources) {
            if (resource.topLevel()) {
                List.of("POST", "PATCH", "PUT").forEach(m -> out.add(new Target(m, resource, null)));
            }
        }
        for (Link link : surface.links) {
            List.of("POST", "PATCH", "PUT").forEach(m -> out.add(new Target(m, link.child(), link)));
        }
        return out;
    }

    private void fuzzOne(int n, List<Target> targets, Random random) {
        Target target = targets.get(random.nextInt(targets.size()));
        Resource resource = target.resource();
        String schema = resource.schema().name();
        String path;
        String parentId = null;
        if (target.link() == null) {
            path = "/" + resource.path();
        } else {
            Resource parent = target.link().parent();
            parentId = ledger.anyId(parent.schema().name()).orElse(null);
            String key = parentId == null || random.nextInt(10) == 0
                    ? segment(random)
                    : encodeSegment(
                            random.nextBoolean()
                                    ? parentId
                                    : ledger.endpointKey(parent.schema(), parentId)
                                            .orElse(parentId));
            path = "/" + parent.path() + "/" + key + "/" + resource.nestedPath();
        }
        if (!target.method().equals("POST")) {
            path += "/" + childKey(target, parentId, random);
        }
        Body body = null;
        if (n % VALID_EVERY == VALID_EVERY - 1) {
            String forced = target.link() == null ? null : target.link().foreignField();
            body = (target.method().equals("PATCH")
                            ? valid.patch(resource.schema(), random)
                            : valid.create(resource.schema(), forced, random))
                    .map(b -> HostileBodies.validBody(b, random))
                    .orElse(null);
        }
        if (body == null) {
            body = hostile.next(resource.schema(), random);
        }
        String label = body.kind().replaceFirst(":.*", "");
        Http.Response answer;
        long sent = System.nanoTime();
        try {
            answer = send(target.method(), path, body);
        } catch (RuntimeException e) {
            fail(n, target.method(), path, body, "no answer: " + e);
            return;
        }
        latency.computeIfAbsent(label, k -> new LongAdder()).add(System.nanoTime() - sent);
        int status = answer.status();
        if (!body.valid()) {
            hostileAnswered.incrementAndGet();
        }
        tally.computeIfAbsent(label + " " + (status / 100) + "xx", k -> new AtomicInteger())
                .incrementAndGet();
        check(n, target.method(), path, body, answer);
        if (status >= 200 && status < 300 && !answer.body().isEmpty()) {
            ledger.written(schema, answer.json());
        }
    }

    private String childKey(Target target, String parentId, Random random) {
        int roll = random.nextInt(10);
        String schema = target.resource().schema().name();
        Optional<String> existing = target.link() == null
                ? ledger.anyId(schema)
                : ledger.anyChild(schema, target.link().foreignField(), parentId);
        if (roll < 6 && existing.isPresent()) {
            return encodeSegment(
                    random.nextBoolean()
                            ? existing.get()
                            : ledger.endpointKey(target.resource().schema(), existing.get())
                                    .orElse(existing.get()));
        }
        if (roll < 8) {
            return UUID.randomUUID().toString();
        }
        return roll == 8 ? ValidBodies.token(random) : segment(random);
    }

    private static String segment(Random random) {
        return ODD_SEGMENTS.get(random.nextInt(ODD_SEGMENTS.size()));
    }

    private void check(int n, String method, String path, Body body, Http.Response answer) {
        int status = answer.status();
        if (status >= 500) {
            fail(n, method, path, body, status + " " + abbreviate(answer.body()));
        }
        for (String leak : LEAKS) {
            if (answer.body().contains(leak)) {
                fail(n, method, path, body, "leaks '" + leak + "': " + status + " " + abbreviate(answer.body()));
            }
        }
        if (status >= 400 && status != 415) { // Kong answers 415 without a body
            JsonNode json;
            try {
                json = Http.JSON.readTree(answer.body());
            } catch (IOException e) {
                fail(n, method, path, body, status + " without a JSON body: " + abbreviate(answer.body()));
                return;
            }
            boolean kong = json != null
                    && json.isObject()
                    && json.path("message").isTextual()
                    && (!json.has("code")
                            || json.path("code").isInt() && json.path("name").isTextual())
                    && (!json.has("fields") || json.get("fields").isObject());
            if (!kong) {
                fail(n, method, path, body, status + " not in Kong's shape: " + abbreviate(answer.body()));
            }
        }
    }

    private void fail(int n, String method, String path, Body body, String what) {
        failures.add("#" + n + " " + body.kind() + " " + method + " " + abbreviate(path) + " ["
                + body.contentType() + "] " + abbreviate(new String(body.bytes(), StandardCharsets.UTF_8)) + " -> "
                + what);
    }

    /** Deletes some entities one by one: 204 and the ledger's cascade, or 400 when a restricting child exists. */
    private void deleteSome(Random random) {
        List<Ledger.Row> rows = ledger.rows();
        Collections.shuffle(rows, random);
        for (Ledger.Row row : rows.subList(0, Math.min(60, rows.size()))) {
            if (!ledger.exists(row)) {
                continue;
            }
            Resource resource = surface.of(row.schema());
            String path = "/" + resource.path() + "/" + row.id();
            if (!resource.topLevel()) {
                Link via = surface.linksTo(resource).stream().findFirst().orElseThrow();
                path = "/" + via.parent().path() + "/"
                        + ledger.foreignId(row, via.foreignField()).orElse("none") + "/" + resource.nestedPath() + "/"
                        + row.id();
            }
            List<Ledger.Row> cascade = ledger.cascadeOf(row);
            boolean restricted = ledger.restricts(cascade);
            Http.Response answer = send("DELETE", path, null);
            assertThat(answer.status())
                    .as("DELETE %s (restricted by a child: %s) -> %s", path, restricted, answer.body())
                    .isEqualTo(restricted ? 400 : 204);
            if (!restricted) {
                ledger.deleted(cascade);
            }
        }
    }

    private void assertDatabaseMatchesLedger() throws Exception {
        Map<String, String> counts = new TreeMap<>();
        try (Connection db = cluster.database().getConnection()) {
            for (Resource resource : surface.resources) {
                String table = resource.schema().name();
                Map<String, JsonNode> stored = rows(db, table);
                Map<String, JsonNode> expected = ledger.entities(table);
                // Kong's row TTL (key-auth credentials): a row past its ttl is gone for the Admin API (a DELETE of
                // it answers 204 and leaves it to the clean-up, which deletes it without an answer the ledger sees),
                // so rows expired at one instant of the database's clock are left out on both sides.
                long now = databaseNow(db);
                Map<String, JsonNode> rows = new HashMap<>(stored);
                rows.values().removeIf(row -> expiredAt(row, now));
                expected.entrySet().removeIf(e -> expiredAt(stored.getOrDefault(e.getKey(), e.getValue()), now));
                boolean expiring = rows.size() != stored.size()
                        || expected.size() != ledger.entities(table).size();
                counts.put(table, rows.size() + " rows (" + ledger.summary(table) + ")");
                if (!expiring && rows.size() != ledger.createdMinusDeleted(table)) {
                    failures.add(table + " holds " + rows.size() + " rows, the answers say " + ledger.summary(table));
                }
                rows.forEach((id, row) -> {
                    if (!expected.containsKey(id)) {
                        failures.add("row no accepted write made (or a delete left): " + table + " "
                                + abbreviate(row.toString()));
                    }
                });
                expected.forEach((id, entity) -> {
                    JsonNode row = rows.get(id);
                    if (row == null) {
                        failures.add("row an accepted write made is missing: " + table + " "
                                + abbreviate(entity.toString()));
                    } else if (ledger.writtenOnce(table, id)
                            && !withoutRowTtl(row).equals(Ledger.NUMBERS_BY_VALUE, withoutRowTtl(entity))) {
                        failures.add("row differs from the answer that wrote it: " + table + " stored "
                                + abbreviate(row.toString()) + " answered " + abbreviate(entity.toString()));
                    }
                });
            }
        }
        System.out.println("AdminFuzzIT: database " + counts);
    }

    /** The rows of {@code table}: the {@code entity} column by id. */
    /**
     * A row without its {@code ttl} when it has one: the database holds it counted from {@code created_at}, an answer
     * shows the seconds left at its time (Kong's view), so the two differ by the row's age.
     */
    private static JsonNode withoutRowTtl(JsonNode row) {
        if (row.path("ttl").asLong(0) <= 0 || !(row instanceof ObjectNode)) {
            return row;
        }
        ObjectNode copy = row.deepCopy();
        copy.remove("ttl");
        return copy;
    }

    /** The database's clock, in seconds since the epoch (what a row's {@code ttl} is measured by). */
    private static long databaseNow(Connection db) throws Exception {
        try (ResultSet rs = db.createStatement().executeQuery("SELECT extract(epoch from now())::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Whether a row has a {@code ttl} (seconds, 0 = never) that ran out at {@code now} (seconds since the epoch). */
    private static boolean expiredAt(JsonNode row, long now) {
        long ttl = row.path("ttl").asLong(0);
        return ttl > 0
                && row.path("created_at").isNumber()
                && row.path("created_at").asLong() + ttl <= now;
    }

    private static Map<String, JsonNode> rows(Connection db, String table) throws Exception {
        Map<String, JsonNode> rows = new HashMap<>();
        try (ResultSet rs = db.createStatement().executeQuery("SELECT id::text, entity::text FROM " + table)) {
            while (rs.next()) {
                rows.put(rs.getString(1), Http.JSON.readTree(rs.getString(2)));
            }
        }
        return rows;
    }

    private static Http.Response send(String method, String path, Body body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(node.admin() + path)).timeout(Duration.ofSeconds(30));
        if (body != null && body.contentType() != null) {
            request.header("Content-Type", body.contentType());
        }
        request.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Http.Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String encodeSegment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…(" + s.length() + " chars)";
    }
}
