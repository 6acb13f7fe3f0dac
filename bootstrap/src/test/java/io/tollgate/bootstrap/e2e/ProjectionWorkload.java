package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.bootstrap.e2e.AdminSurface.Link;
import io.tollgate.bootstrap.e2e.AdminSurface.Resource;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.schema.EntitySchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A seeded sequence of Admin API writes over every entity kind (POST top-level and nested, PATCH, PUT by id and by
 * endpoint key, DELETE with cascades, tags), sent one at a time to a node, and what they changed: the answers go to a
 * {@link Ledger} and {@link #expectedEvents} counts the entity changes the Admin API's semantics imply (one per
 * written entity, the SNIs a certificate's {@code snis} created or removed, a delete's whole cascade). Bodies come from
 * {@link ValidBodies} (certificates and CA certificates from {@link TestPki}, which the schemas alone cannot make).
 * The same seed sends the same sequence of requests (server-made ids aside).
 */
final class ProjectionWorkload {

    /** Kinds by weight; routes are light (every route write rebuilds the router), basic-auth too (hashing). */
    private static final Map<EntityKind, Integer> WEIGHTS = new LinkedHashMap<>();

    static {
        WEIGHTS.put(EntityKind.CERTIFICATES, 6);
        WEIGHTS.put(EntityKind.SNIS, 5);
        WEIGHTS.put(EntityKind.CA_CERTIFICATES, 4);
        WEIGHTS.put(EntityKind.SERVICES, 9);
        WEIGHTS.put(EntityKind.ROUTES, 5);
        WEIGHTS.put(EntityKind.CONSUMERS, 11);
        WEIGHTS.put(EntityKind.PLUGINS, 8);
        WEIGHTS.put(EntityKind.KEYAUTH_CREDENTIALS, 7);
        WEIGHTS.put(EntityKind.UPSTREAMS, 7);
        WEIGHTS.put(EntityKind.TARGETS, 8);
        WEIGHTS.put(EntityKind.BASICAUTH_CREDENTIALS, 2); // every write hashes a password: slow on purpose
        WEIGHTS.put(EntityKind.ACLS, 6);
        WEIGHTS.put(EntityKind.JWT_SECRETS, 6);
        WEIGHTS.put(EntityKind.HMACAUTH_CREDENTIALS, 6);
        WEIGHTS.put(EntityKind.KEY_SETS, 3);
        WEIGHTS.put(EntityKind.KEYS, 4);
        WEIGHTS.put(EntityKind.VAULTS, 3);
    }

    private static final int CERTIFICATE_POOL = 24;

    private final String admin;
    private final Random random;
    private final AdminSurface surface = AdminSurface.current();
    final Ledger ledger = new Ledger(surface);
    private final ValidBodies valid;
    private final List<TestPki.Issued> leafs = new ArrayList<>();
    private final List<TestPki.Issued> authorities = new ArrayList<>();
    private int nextAuthority;

    /** Entity changes the 2xx answers imply. */
    long expectedEvents;
    /** Requests by {@code METHOD[ how] kind status}, e.g. {@code PUT by-key services 200}. */
    final Map<String, AtomicInteger> tally = new TreeMap<>();
    /** Milliseconds spent waiting for answers, by {@code METHOD kind}. */
    final Map<String, Long> waited = new TreeMap<>();
    /** Rows deleted by kind, by their own DELETE or in a cascade. */
    final Map<String, AtomicInteger> deletedRows = new TreeMap<>();
    /** Kinds that held a row at some point. */
    final Set<String> hadRows = new HashSet<>();
    /** The explicit cascading deletes: what was deleted and how many rows went with it. */
    final List<String> cascades = new ArrayList<>();

    ProjectionWorkload(String admin, long seed) throws Exception {
        this.admin = admin;
        this.random = new Random(seed);
        this.valid = new ValidBodies(schema -> ledger.anyId(schema, random)).withoutExpiringRows();
        for (int i = 0; i < CERTIFICATE_POOL; i++) {
            leafs.add(TestPki.selfSigned("leaf-" + i, "leaf-" + i + ".example"));
            authorities.add(TestPki.ca("ca-" + i));
        }
    }

    /** Sends {@code writes} random writes. */
    void run(int writes) {
        List<EntityKind> kinds = new ArrayList<>();
        WEIGHTS.forEach((kind, weight) -> {
            for (int i = 0; i < weight; i++) {
                kinds.add(kind);
            }
        });
        for (int i = 0; i < writes; i++) {
            Resource resource =
                    surface.of(kinds.get(random.nextInt(kinds.size())).kongName());
            int roll = random.nextInt(100);
            if (roll < 40) {
                create(resource);
            } else if (roll < 60) {
                patch(resource);
            } else if (roll < 72) {
                putById(resource);
            } else if (roll < 82) {
                putByKey(resource);
            } else {
                deleteSome(resource);
            }
        }
    }

    /**
     * The cascades the brief names, each made on purpose: a consumer with every credential and a plugin, an upstream
     * with targets, a certificate with SNIs, a route with plugins.
     */
    void cascades() {
        String consumer = createOrFail(surface.of("consumers"), Map.of("username", "cascade-" + token()));
        for (String credential : List.of(
                "keyauth_credentials", "basicauth_credentials", "acls", "jwt_secrets", "hmacauth_credentials")) {
            createBelow(surface.of(credential), "consumers", consumer);
        }
        createBelow(surface.of("plugins"), "consumers", consumer);
        deleteCascading("consumers", consumer, 7);

        String upstream = createOrFail(surface.of("upstreams"), Map.of("name", "cascade-" + token()));
        createBelow(surface.of("targets"), "upstreams", upstream);
        createBelow(surface.of("targets"), "upstreams", upstream);
        deleteCascading("upstreams", upstream, 3);

        Map<String, Object> certificate = certificateBody(true);
        certificate.put("snis", List.of("a-" + token() + ".example", "b-" + token() + ".example"));
        String cert = createOrFail(surface.of("certificates"), certificate);
        deleteCascading("certificates", cert, 3);

        String route = createOrFail(surface.of("routes"), Map.of("paths", List.of("/cascade-" + token())));
        createBelow(surface.of("plugins"), "routes", route);
        createBelow(surface.of("plugins"), "routes", route);
        deleteCascading("routes", route, 3);
    }

    // --- the operations ---

    private void create(Resource resource) {
        List<Link> links = linksWithParents(resource);
        if (!links.isEmpty() && (!resource.topLevel() || random.nextInt(3) == 0)) {
            Link link = links.get(random.nextInt(links.size()));
            ledger.anyId(link.parent().schema().name(), random)
                    .ifPresent(parent -> createBelow(resource, link, parent));
            return;
        }
        if (!resource.topLevel()) {
            return;
        }
        body(resource.schema(), null).ifPresent(body -> write("POST", "", resource, "/" + resource.path(), body));
    }

    private void patch(Resource resource) {
        Optional<String> id = ledger.anyId(resource.schema().name(), random);
        if (id.isEmpty()) {
            create(resource);
            return;
        }
        Map<String, Object> body = switch (resource.schema().kind()) {
            case CERTIFICATES -> random.nextBoolean() ? Map.of("snis", sniNames()) : tags(new LinkedHashMap<>());
            case CA_CERTIFICATES -> tags(new LinkedHashMap<>());
            default -> valid.patch(resource.schema(), random).orElse(null);
        };
        if (body == null) {
            return;
        }
        if (random.nextInt(4) == 0) {
            body = tags(new LinkedHashMap<>(body));
        }
        write("PATCH", "", resource, entityPath(resource, id.get(), random.nextBoolean()), body);
    }

    private void putById(Resource resource) {
        Optional<String> existing = ledger.anyId(resource.schema().name(), random);
        String id = existing.isPresent() && random.nextBoolean() ? existing.get() : seededUuid();
        if (!resource.topLevel()) {
            if (existing.isEmpty()) {
                return;
            }
            // Nested-only (targets): upsert below the existing one's parent, by id.
            Link link = surface.linksTo(resource).get(0);
            String parent = ledger.foreignId(
                            new Ledger.Row(resource.schema().name(), existing.get()), link.foreignField())
                    .orElseThrow();
            body(resource.schema(), link.foreignField())
                    .ifPresent(body -> write(
                            "PUT",
                            "by-id",
                            resource,
                            "/" + link.parent().path() + "/" + parent + "/" + resource.nestedPath() + "/"
                                    + existing.get(),
                            body));
            return;
        }
        body(resource.schema(), null)
                .ifPresent(body -> write("PUT", "by-id", resource, "/" + resource.path() + "/" + id, body));
    }

    private void putByKey(Resource resource) {
        String key = resource.schema().endpointKey();
        if (key == null || !resource.topLevel()) {
            putById(resource);
            return;
        }
        Optional<String> existing =
                ledger.anyId(resource.schema().name(), random).flatMap(id -> ledger.endpointKey(resource.schema(), id));
        String value = existing.isPresent() && random.nextBoolean()
                ? existing.get()
                : resource.schema().kind() == EntityKind.SNIS ? token() + ".example" : token();
        body(resource.schema(), null).ifPresent(body -> {
            body.remove(key);
            write("PUT", "by-key", resource, "/" + resource.path() + "/" + AdminFuzzIT.encodeSegment(value), body);
        });
    }

    private void deleteSome(Resource resource) {
        Optional<String> id = ledger.anyId(resource.schema().name(), random);
        if (id.isEmpty() || resource.topLevel() && random.nextInt(12) == 0) {
            if (resource.topLevel()) { // a row that does not exist: 204, nothing changes
                Http.Response answer = Http.send("DELETE", admin + "/" + resource.path() + "/" + seededUuid(), null);
                count("DELETE missing " + resource.schema().name(), answer.status());
                assertThat(answer.status())
                        .as("DELETE of a missing row: %s", answer.body())
                        .isEqualTo(204);
            }
            return;
        }
        delete(resource, id.get(), random.nextBoolean());
    }

    // --- requests and bookkeeping ---

    /** Sends one write; on a 2xx answer records the entity and the changes it implies. */
    private Optional<String> write(
            String method, String how, Resource resource, String path, Map<String, Object> body) {
        long sent = System.nanoTime();
        Http.Response answer = Http.send(method, admin + path, HostileBodies.text(body));
        waited.merge(method + " " + resource.schema().name(), (System.nanoTime() - sent) / 1_000_000, Long::sum);
        count(
                method + (how.isEmpty() ? "" : " " + how) + " "
                        + resource.schema().name(),
                answer.status());
        assertThat(answer.status())
                .as("%s %s %s -> %s", method, path, HostileBodies.text(body), answer.body())
                .isLessThan(500);
        if (answer.status() < 200 || answer.status() >= 300) {
            return Optional.empty();
        }
        JsonNode entity = answer.json();
        String schema = resource.schema().name();
        ledger.written(schema, entity);
        hadRows.add(schema);
        expectedEvents++;
        if (resource.schema().kind() == EntityKind.CERTIFICATES) {
            expectedEvents += refreshSnis(entity.get("id").asText());
        }
        return Optional.of(entity.get("id").asText());
    }

    /** The certificate's SNIs as the Admin API lists them into the ledger; how many were created or removed. */
    private int refreshSnis(String certificate) {
        Http.Response listed = Http.get(admin + "/certificates/" + certificate + "/snis?size=1000");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        Set<String> now = new HashSet<>();
        int changed = 0;
        for (JsonNode sni : listed.json().get("data")) {
            String id = sni.get("id").asText();
            now.add(id);
            if (!ledger.exists(new Ledger.Row("snis", id))) {
                ledger.written("snis", sni);
                hadRows.add("snis");
                changed++;
            }
        }
        List<Ledger.Row> gone = ledger.rows().stream()
                .filter(row -> row.schema().equals("snis") && !now.contains(row.id()))
                .filter(row -> ledger.foreignId(row, "certificate")
                        .filter(certificate::equals)
                        .isPresent())
                .toList();
        ledger.deleted(gone);
        return changed + gone.size();
    }

    private void delete(Resource resource, String id, boolean byKey) {
        Ledger.Row row = new Ledger.Row(resource.schema().name(), id);
        List<Ledger.Row> cascade = ledger.cascadeOf(row);
        boolean refused = ledger.restricts(cascade) || trustedByAService(row);
        String path = entityPath(resource, id, byKey);
        long sent = System.nanoTime();
        Http.Response answer = Http.send("DELETE", admin + path, null);
        waited.merge("DELETE " + resource.schema().name(), (System.nanoTime() - sent) / 1_000_000, Long::sum);
        count("DELETE " + resource.schema().name(), answer.status());
        assertThat(answer.status())
                .as("DELETE %s (cascade %s, refused: %s) -> %s", path, cascade, refused, answer.body())
                .isEqualTo(refused ? 400 : 204);
        if (!refused) {
            ledger.deleted(cascade);
            expectedEvents += cascade.size();
            cascade.forEach(deleted -> deletedRows
                    .computeIfAbsent(deleted.schema(), k -> new AtomicInteger())
                    .incrementAndGet());
        }
    }

    private void deleteCascading(String schema, String id, int atLeast) {
        Ledger.Row row = new Ledger.Row(schema, id);
        List<Ledger.Row> cascade = ledger.cascadeOf(row);
        assertThat(cascade).as("the cascade of %s", row).hasSizeGreaterThanOrEqualTo(atLeast);
        delete(surface.of(schema), id, false);
        assertThat(ledger.exists(row)).as("%s deleted", row).isFalse();
        cascades.add(schema + " with " + (cascade.size() - 1) + " dependent row(s)");
    }

    private String createOrFail(Resource resource, Map<String, Object> body) {
        return write("POST", "", resource, "/" + resource.path(), new LinkedHashMap<>(body))
                .orElseThrow(() -> new AssertionError(
                        "could not create " + resource.schema().name() + " " + body));
    }

    /** Creates a child below the parent named (tries other bodies until one is accepted). */
    private void createBelow(Resource child, String parentSchema, String parentId) {
        Link link = surface.linksTo(child).stream()
                .filter(l -> l.parent().schema().name().equals(parentSchema))
                .findFirst()
                .orElseThrow();
        for (int attempt = 0; attempt < 30; attempt++) {
            if (createBelow(child, link, parentId)) {
                return;
            }
        }
        throw new AssertionError("no " + child.schema().name() + " could be created below " + parentSchema);
    }

    private boolean createBelow(Resource child, Link link, String parentId) {
        Resource parent = link.parent();
        String key = random.nextBoolean()
                ? parentId
                : ledger.endpointKey(parent.schema(), parentId)
                        .map(AdminFuzzIT::encodeSegment)
                        .orElse(parentId);
        Optional<Map<String, Object>> body = body(child.schema(), link.foreignField());
        return body.isPresent()
                && write(
                                "POST",
                                "nested",
                                child,
                                "/" + parent.path() + "/" + key + "/" + child.nestedPath(),
                                body.get())
                        .isPresent();
    }

    /** A create body for {@code schema}, {@code forced} left to the URL; tags now and then. */
    private Optional<Map<String, Object>> body(EntitySchema schema, String forced) {
        Optional<Map<String, Object>> body = switch (schema.kind()) {
            case CERTIFICATES -> Optional.of(certificateBody(random.nextBoolean()));
            case CA_CERTIFICATES -> Optional.of(new LinkedHashMap<>(Map.of("cert", nextAuthority())));
            case KEYS -> {
                String kid = "kid-" + token();
                yield Optional.of(new LinkedHashMap<>(
                        Map.of("kid", kid, "jwk", "{\"kty\":\"oct\",\"kid\":\"" + kid + "\",\"k\":\"c2VjcmV0\"}")));
            }
            case VAULTS -> Optional.of(new LinkedHashMap<>(Map.of("prefix", "v-" + token(), "name", "env")));
            default -> valid.create(schema, forced, random).map(LinkedHashMap::new);
        };
        return body.map(b -> random.nextInt(5) < 2 && schema.field("tags").isPresent() ? tags(b) : b);
    }

    private Map<String, Object> certificateBody(boolean withSnis) {
        TestPki.Issued leaf = leafs.get(random.nextInt(leafs.size()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cert", leaf.certPem());
        body.put("key", leaf.keyPem());
        if (withSnis) {
            body.put("snis", sniNames());
        }
        return body;
    }

    /** Zero to two fresh SNI names. */
    private List<String> sniNames() {
        List<String> names = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            names.add(token() + ".example.com");
        }
        return names;
    }

    /** A CA certificate not used yet while there are some, then an old one (409: its digest is taken). */
    private String nextAuthority() {
        return authorities.get(nextAuthority++ % authorities.size()).certPem();
    }

    private Map<String, Object> tags(Map<String, Object> body) {
        List<String> tags = new ArrayList<>(List.of("tag-" + random.nextInt(5)));
        if (random.nextBoolean()) {
            tags.add("replay");
        }
        body.put("tags", tags);
        return body;
    }

    private boolean trustedByAService(Ledger.Row row) {
        return row.schema().equals("ca_certificates")
                && ledger.entities("services").values().stream().anyMatch(service -> {
                    for (JsonNode trusted : service.path("ca_certificates")) {
                        if (trusted.asText().equalsIgnoreCase(row.id())) {
                            return true;
                        }
                    }
                    return false;
                });
    }

    /** {@code /<path>/<id or key>}, or below the parent for nested-only kinds (targets). */
    private String entityPath(Resource resource, String id, boolean byKey) {
        String key = byKey
                ? ledger.endpointKey(resource.schema(), id)
                        .map(AdminFuzzIT::encodeSegment)
                        .orElse(id)
                : id;
        if (resource.topLevel()) {
            return "/" + resource.path() + "/" + key;
        }
        Link link = surface.linksTo(resource).get(0);
        String parent = ledger.foreignId(new Ledger.Row(resource.schema().name(), id), link.foreignField())
                .orElseThrow();
        return "/" + link.parent().path() + "/" + parent + "/" + resource.nestedPath() + "/" + id;
    }

    private List<Link> linksWithParents(Resource resource) {
        return surface.linksTo(resource).stream()
                .filter(l ->
                        ledger.anyId(l.parent().schema().name(), new Random(0)).isPresent())
                .toList();
    }

    private void count(String what, int status) {
        tally.computeIfAbsent(what + " " + status, k -> new AtomicInteger()).incrementAndGet();
    }

    private String token() {
        return ValidBodies.token(random);
    }

    /** A version-4 UUID from the seeded random. */
    private String seededUuid() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (bytes[i] & 0xff);
            lsb = (lsb << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }
}
