package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.get;
import static io.tollgate.bootstrap.e2e.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong Manager against real nodes: a stand-in Kong Manager build served through {@code admin_gui_path} with Kong's
 * {@code kconfig.js} contract, the SPA's deep links, traversal attempts refused, what the GUI's root shows when no build is
 * installed (the console), the console served next to Kong Manager, {@code admin_gui_listen = off}; and the Admin API
 * answers Kong Manager's pages rely on.
 */
class KongManagerNodeIT {

    private static final String INDEX = "<!doctype html><html><head>"
            + "<script src=\"/__km_base__/kconfig.js\"></script>"
            + "<script type=\"module\" src=\"/__km_base__/assets/app.js\"></script></head>"
            + "<body><div id=\"app\"></div></body></html>";

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static NodeProcess node;
    static NodeProcess bare;
    static NodeProcess off;
    static int guiPort;
    static int barePort;

    @BeforeAll
    static void start() throws Exception {
        Path build = Files.createDirectories(dir.resolve("kong-manager/assets")).getParent();
        Files.writeString(build.resolve("index.html"), INDEX);
        Files.writeString(build.resolve("assets/app.js"), "import('/__km_base__/assets/chunk.js')\n");
        Files.writeString(build.resolve("assets/app.css"), "body{margin:0}\n");
        Files.writeString(dir.resolve("secret.txt"), "do not serve me");
        cluster = TestCluster.start(dir);
        guiPort = NodeProcess.freePort();
        node = cluster.node(
                "km",
                cluster.settings(
                        "admin_gui_listen",
                        "127.0.0.1:" + guiPort,
                        "admin_gui_path",
                        "/manager",
                        "admin_gui_dir",
                        build.toString()));
        barePort = NodeProcess.freePort();
        bare = cluster.node("bare", cluster.settings("admin_gui_listen", "127.0.0.1:" + barePort));
        off = cluster.node("off", cluster.settings());
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String gui(String path) {
        return "http://127.0.0.1:" + guiPort + path;
    }

    @Test
    void kconfig_js_carries_kongs_fields() {
        Http.Response kconfig = get(gui("/manager/kconfig.js"));
        assertThat(kconfig.status()).isEqualTo(200);
        assertThat(kconfig.header("Content-Type")).startsWith("application/javascript");
        String version = get(node.admin() + "/").json().get("version").asText();
        assertThat(kconfig.body())
                .startsWith("window.K_CONFIG = {\n")
                .contains("  'ADMIN_GUI_PATH': '/manager'")
                .contains("  'ADMIN_API_URL': ''")
                .contains("  'ADMIN_API_PORT': '" + node.adminPort + "'")
                .contains("  'ADMIN_API_SSL_PORT': ''")
                .contains("  'KONG_VERSION': '" + version + "'")
                .contains("  'KONG_EDITION': 'community'")
                .contains("  'ANONYMOUS_REPORTS': 'false'")
                .endsWith("\n}\n");
    }

    @Test
    void the_build_is_served_under_the_path_with_deep_links_falling_back_to_index_html() throws Exception {
        Http.Response index = get(gui("/manager/"));
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.header("Content-Type")).startsWith("text/html");
        assertThat(index.body())
                .contains("src=\"/manager/kconfig.js\"")
                .contains("src=\"/manager/assets/app.js\"")
                .doesNotContain("__km_base__");
        assertThat(get(gui("/manager")).body()).isEqualTo(index.body());

        Http.Response deep = get(gui("/manager/services/0f6c7a5e-1111-4222-8333-944445555666/routes"));
        assertThat(deep.status()).isEqualTo(200);
        assertThat(deep.header("Content-Type")).startsWith("text/html");
        assertThat(deep.body()).isEqualTo(index.body());

        Http.Response js = get(gui("/manager/assets/app.js"));
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.header("Content-Type")).startsWith("application/javascript");
        assertThat(js.body()).isEqualTo("import('/manager/assets/chunk.js')\n");
        assertThat(get(gui("/manager/assets/app.css")).header("Content-Type")).startsWith("text/css");
        assertThat(get(gui("/manager/assets/missing.js")).status()).isEqualTo(404);
        assertThat(get(gui("/elsewhere")).status()).isEqualTo(404);
        assertThat(get(gui("/manager/robots.txt")).body()).isEqualTo("User-agent: *\nDisallow: /");
    }

    @Test
    void the_console_is_served_next_to_kong_manager_with_cacheable_hashed_assets() {
        Http.Response index = get(gui("/manager/console"));
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.header("Content-Type")).startsWith("text/html");
        assertThat(index.header("Cache-Control")).contains("no-store");
        assertThat(index.body()).contains("src=\"/manager/kconfig.js\"").contains("/manager/console/assets/");
        assertThat(get(gui("/manager/console/entities/services")).body()).isEqualTo(index.body());
        java.util.regex.Matcher script = java.util.regex.Pattern.compile(
                        "src=\"(/manager/console/assets/[^\"]+\\.js)\"")
                .matcher(index.body());
        assertThat(script.find()).as(index.body()).isTrue();
        Http.Response js = get(gui(script.group(1)));
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.header("Content-Type")).startsWith("application/javascript");
        assertThat(js.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(get(gui("/manager/console/assets/missing.js")).status()).isEqualTo(404);
        // Kong Manager keeps the GUI's root
        assertThat(get(gui("/manager/")).body()).contains("/manager/assets/app.js");
    }

    @Test
    void traversal_out_of_the_directory_is_refused() throws Exception {
        for (String target : new String[] {
            "/manager/../secret.txt",
            "/manager/assets/../../secret.txt",
            "/manager/%2e%2e/secret.txt",
            "/manager/..%2fsecret.txt",
            "/manager/..%5csecret.txt"
        }) {
            RawHttp.Response response =
                    RawHttp.request("GET", "127.0.0.1", target).send(guiPort);
            assertThat(response.body()).as(target).doesNotContain("do not serve me");
            assertThat(response.status()).as(target).isIn(400, 404);
        }
        for (String target : new String[] {"/manager/../secret.txt", "/manager/..%2fsecret.txt"}) {
            assertThat(RawHttp.request("GET", "127.0.0.1", target).send(guiPort).status())
                    .as(target)
                    .isEqualTo(400);
        }
    }

    @Test
    void without_a_build_the_gui_root_serves_the_console_and_off_listens_nowhere() {
        Http.Response page = get("http://127.0.0.1:" + barePort + "/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body())
                .contains("<title>Tollgate console</title>")
                .contains("src=\"/kconfig.js\"")
                .containsPattern("src=\"/console/assets/index-[^\"]+\\.js\"")
                .doesNotContain("__console_base__")
                .doesNotContain("__gui_base__");
        assertThat(get("http://127.0.0.1:" + barePort + "/services/x").body()).isEqualTo(page.body());
        assertThat(get("http://127.0.0.1:" + barePort + "/kconfig.js").body()).contains("'ADMIN_GUI_PATH': '/'");

        JsonNode configuration = get(off.admin() + "/").json().get("configuration");
        assertThat(configuration.get("admin_gui_listen")).isEmpty();
        assertThat(configuration.get("admin_gui_listeners")).isEmpty();
        assertThat(get(bare.admin() + "/")
                        .json()
                        .get("configuration")
                        .get("admin_gui_listeners")
                        .get(0)
                        .get("port")
                        .asInt())
                .isEqualTo(barePort);
    }

    @Test
    void root_reports_what_kong_manager_reads() {
        JsonNode root = get(node.admin() + "/").json();
        assertThat(root.get("edition").asText()).isEqualTo("community");
        assertThat(root.get("tagline").asText()).isEqualTo("Welcome to kong");
        assertThat(root.get("lua_version").asText()).startsWith("Java ");
        assertThat(root.get("hostname").asText()).isNotEmpty();
        assertThat(root.get("plugins").get("available_on_server").has("key-auth"))
                .isTrue();
        assertThat(root.get("plugins").get("enabled_in_cluster").isArray()).isTrue();
        JsonNode configuration = root.get("configuration");
        assertThat(configuration.get("database").asText()).isEqualTo("postgres");
        assertThat(configuration.get("tollgate_database").asText()).isEqualTo("postgres");
        assertThat(configuration.get("role").asText()).isEqualTo("traditional");
        assertThat(configuration.get("admin_listen").get(0).asText()).isEqualTo("127.0.0.1:" + node.adminPort);
        assertThat(configuration.get("proxy_listeners").get(0))
                .isEqualTo(Http.JSON.valueToTree(Map.of(
                        "ip",
                        "127.0.0.1",
                        "port",
                        node.proxyPort,
                        "ssl",
                        false,
                        "http2",
                        false,
                        "proxy_protocol",
                        false,
                        "listener",
                        "127.0.0.1:" + node.proxyPort)));
        assertThat(configuration.get("admin_gui_listeners").get(0).get("port").asInt())
                .isEqualTo(guiPort);
        assertThat(configuration.get("admin_gui_path").asText()).isEqualTo("/manager");
        assertThat(configuration.get("pg_user").asText()).isEqualTo("postgres");
        assertThat(configuration.get("pg_host").asText()).isEqualTo("127.0.0.1");
        assertThat(configuration.get("pg_port").isInt()).isTrue();
    }

    @Test
    void data_plane_nodes_come_from_the_cluster_membership() {
        JsonNode planes = get(node.admin() + "/clustering/data-planes?size=30").json();
        assertThat(planes.get("next").isNull()).isTrue();
        String id = get(node.admin() + "/").json().get("node_id").asText();
        JsonNode self = null;
        for (JsonNode plane : planes.get("data")) {
            if (plane.get("id").asText().equals(id)) {
                self = plane;
            }
        }
        assertThat(self).as(planes.toString()).isNotNull();
        assertThat(self.get("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(self.get("last_seen").isIntegralNumber()).isTrue();
        assertThat(self.get("labels").isObject()).isTrue();
        assertThat(self.get("rpc_capabilities").isArray()).isTrue();
        assertThat(self.get("state").asText()).isEqualTo("active");
        assertThat(self.get("sync_status").asText()).isIn("normal", "unknown");
        JsonNode status = get(node.admin() + "/clustering/status").json();
        assertThat(status.get(id).get("hostname").asText())
                .isEqualTo(self.get("hostname").asText());
    }

    @Test
    void the_entity_pages_get_kongs_answers() {
        String admin = node.admin();
        // list parameters Kong Manager sends
        for (String name : new String[] {"km-s1", "km-s2", "km-s3"}) {
            assertThat(send("POST", admin + "/services", "{\"name\":\"" + name + "\",\"url\":\"http://km.test\"}")
                            .status())
                    .isEqualTo(201);
        }
        JsonNode first = get(admin + "/services?size=2&sort_by=created_at&sort_desc=true")
                .json();
        assertThat(first.get("data")).hasSize(2);
        JsonNode rest = get(admin + "/services?size=2&offset="
                        + first.get("offset").asText() + "&sort_desc=true")
                .json();
        assertThat(rest.get("data")).hasSize(1);
        assertThat(get(admin + "/services?size=30&sort_desc=1&name=km-s1").status())
                .isEqualTo(200);
        assertThat(get(admin + "/services/km-s2").json().get("name").asText()).isEqualTo("km-s2");
        for (String kind : new String[] {"key-sets", "keys", "vaults", "certificates", "snis", "upstreams"}) {
            assertThat(get(admin + "/" + kind + "?size=30").status()).as(kind).isEqualTo(200);
        }
        // a key-auth credential with Kong's ttl is stored with it
        assertThat(send("POST", admin + "/consumers", "{\"username\":\"km-user\"}")
                        .status())
                .isEqualTo(201);
        Http.Response key = send("POST", admin + "/consumers/km-user/key-auth", "{\"key\":\"km-key\",\"ttl\":3600}");
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        assertThat(key.json().get("ttl").asInt()).isEqualTo(3600);
        // an unknown certificate is 404, as Kong looks a non-UUID up as an SNI name
        Http.Response missing = get(admin + "/certificates/non-existent");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("message").asText()).isEqualTo("Not found");
        // Kong's messages for invalid route paths and targets
        Http.Response path = send("POST", admin + "/routes", "{\"name\":\"n1\",\"paths\":[\"kong(-ee){0,1}.com\"]}");
        assertThat(path.status()).isEqualTo(400);
        assertThat(path.json().get("message").asText())
                .isEqualTo("schema violation (paths.1: should start with: / (fixed path) or ~/ (regex path))");
        assertThat(send("POST", admin + "/upstreams", "{\"name\":\"km-up\"}").status())
                .isEqualTo(201);
        Http.Response target = send("POST", admin + "/upstreams/km-up/targets", "{\"target\":\"123\"}");
        assertThat(target.status()).isEqualTo(400);
        assertThat(target.json().get("message").asText())
                .isEqualTo("schema violation (target: Invalid target ('123'); not a valid hostname or ip address)");
        // a plugin Tollgate lacks: Kong's 404 for its schema, and the catalogue still lists the others
        Http.Response lacking = get(admin + "/schemas/plugins/openid-connect");
        assertThat(lacking.status()).isEqualTo(404);
        assertThat(lacking.json().get("message").asText()).isEqualTo("No plugin named 'openid-connect'");
        assertThat(get(admin + "/plugins/enabled").json().get("enabled_plugins").toString())
                .contains("key-auth");
        assertThat(get(admin + "/schemas/plugins/key-auth").status()).isEqualTo(200);
    }

    @Test
    void an_sni_takes_the_whole_certificate_object_as_kong_manager_sends_it() throws Exception {
        String admin = node.admin();
        TestPki.Issued issued = TestPki.selfSigned("km.example", "km.example");
        String pair = Http.JSON.writeValueAsString(Map.of("cert", issued.certPem(), "key", issued.keyPem()));
        Http.Response certificate = send("POST", admin + "/certificates", pair);
        assertThat(certificate.status()).as(certificate.body()).isEqualTo(201);
        JsonNode whole = certificate.json();
        String body = "{\"name\":\"km.example\",\"certificate\":" + whole + "}";
        Http.Response sni = send("POST", admin + "/snis", body);
        assertThat(sni.status()).as(sni.body()).isEqualTo(201);
        assertThat(sni.json().get("certificate"))
                .isEqualTo(Http.JSON.readTree("{\"id\":\"" + whole.get("id").asText() + "\"}"));
    }

    /**
     * Kong Manager's "Routes" tab of a service (the entities-routes list and form with a {@code serviceId}): the list
     * is {@code GET /services/{id}/routes?size=30}, the form POSTs every field it has to the nested collection (nulls
     * for the routing rules left empty, {@code service: {id}}, {@code tags: []}, {@code name: null} when left empty), the
     * edit form reads and PATCHes {@code /services/{id}/routes/{route}}, the list deletes through the nested path; each
     * from the GUI's origin, with the browser's CORS preflight.
     */
    @Test
    void a_route_created_from_a_services_tab_completes_as_kong_manager_sends_it() throws Exception {
        String admin = node.admin();
        String origin = "http://127.0.0.1:" + guiPort;
        Http.Response service =
                send("POST", admin + "/services", "{\"name\":\"km-tab\",\"url\":\"http://example.com:8080/test\"}");
        assertThat(service.status()).as(service.body()).isEqualTo(201);
        String sid = service.json().get("id").asText();
        String collection = admin + "/services/" + sid + "/routes";

        Http.Response empty = get(collection + "?size=30", "Origin", origin);
        assertThat(empty.status()).as(empty.body()).isEqualTo(200);
        assertThat(empty.header("Access-Control-Allow-Origin")).isEqualTo(origin);
        assertThat(empty.json().get("data")).isEmpty();
        assertThat(empty.json().get("next").isNull()).isTrue();

        for (String method : new String[] {"POST", "PATCH", "DELETE"}) {
            Http.Response preflight = send(
                    "OPTIONS",
                    collection + (method.equals("POST") ? "" : "/x"),
                    null,
                    "Origin",
                    origin,
                    "Access-Control-Request-Method",
                    method,
                    "Access-Control-Request-Headers",
                    "content-type");
            assertThat(preflight.status()).as(method).isIn(200, 204);
            assertThat(preflight.header("Access-Control-Allow-Origin"))
                    .as(method)
                    .isEqualTo(origin);
            assertThat(preflight.header("Access-Control-Allow-Methods"))
                    .as(method)
                    .contains(method);
            assertThat(preflight.header("Access-Control-Allow-Headers").toLowerCase(java.util.Locale.ROOT))
                    .as(method)
                    .contains("content-type");
        }

        for (String name : new String[] {"\"testRoute\"", "null"}) {
            String form =
                    "{\"name\":" + name + ",\"protocols\":[\"http\",\"https\"],\"https_redirect_status_code\":426,"
                            + "\"strip_path\":true,\"preserve_host\":false,\"request_buffering\":true,"
                            + "\"response_buffering\":true,\"tags\":[],\"service\":{\"id\":\"" + sid + "\"},"
                            + "\"methods\":[\"GET\"],\"hosts\":null,\"paths\":null,\"headers\":null,\"regex_priority\":0,"
                            + "\"path_handling\":\"v0\",\"sources\":null,\"destinations\":null,\"snis\":null}";
            Http.Response created = send("POST", collection, form, "Origin", origin);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.header("Access-Control-Allow-Origin")).isEqualTo(origin);
            JsonNode route = created.json();
            assertThat(route.get("service")).isEqualTo(Http.JSON.readTree("{\"id\":\"" + sid + "\"}"));
            assertThat(route.get("methods")).isEqualTo(Http.JSON.readTree("[\"GET\"]"));
            assertThat(route.get("protocols")).isEqualTo(Http.JSON.readTree("[\"http\",\"https\"]"));
            for (String none : new String[] {"hosts", "paths", "headers", "sources", "destinations", "snis"}) {
                assertThat(route.get(none)).as(none + " in " + route).isNotNull();
                assertThat(route.get(none).isNull()).as(none + " in " + route).isTrue();
            }
            assertThat(route.get("https_redirect_status_code").asInt()).isEqualTo(426);
            assertThat(route.get("path_handling").asText()).isEqualTo("v0");
            assertThat(route.get("request_buffering").asBoolean()).isTrue();
            assertThat(route.get("response_buffering").asBoolean()).isTrue();
            assertThat(route.get("name").isNull()).isEqualTo(name.equals("null"));
            String rid = route.get("id").asText();

            // the list the tab shows after the form
            JsonNode listed =
                    get(collection + "?size=30", "Origin", origin).json().get("data");
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("id").asText()).isEqualTo(rid);

            // the edit form: read through the nested path, PATCH the whole form back with a new name
            Http.Response read = get(collection + "/" + rid, "Origin", origin);
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            assertThat(read.json()).isEqualTo(route);
            Http.Response patched = send(
                    "PATCH",
                    collection + "/" + rid,
                    form.replace("\"name\":" + name, "\"name\":\"test.111\""),
                    "Origin",
                    origin);
            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            assertThat(patched.json().get("name").asText()).isEqualTo("test.111");
            assertThat(get(admin + "/routes/" + rid).json().get("name").asText())
                    .isEqualTo("test.111");

            // the route's detail page reads the route and its service
            assertThat(get(admin + "/routes/" + rid, "Origin", origin).status()).isEqualTo(200);
            assertThat(get(admin + "/services/" + sid, "Origin", origin).status())
                    .isEqualTo(200);

            Http.Response deleted = send("DELETE", collection + "/" + rid, null, "Origin", origin);
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
            assertThat(get(collection + "?size=30").json().get("data")).isEmpty();
        }
        // the_entity_pages_get_kongs_answers pages through every service
        assertThat(send("DELETE", admin + "/services/" + sid, null).status()).isEqualTo(204);
    }

    /**
     * Kong Manager's "Plugins" tab of a service (the entities-plugins form scoped to the service): the form is built
     * from {@code GET /schemas/plugins/basic-auth} (each config field at its default, else null), validated with
     * {@code POST /schemas/plugins/validate}, then POSTed to {@code /services/{id}/plugins} with {@code service: {id}},
     * {@code route} and {@code consumer} null; the list reads the nested collection, the status switch PATCHes
     * {@code enabled}, the edit form reads and PATCHes the nested entity, the list deletes through it.
     */
    @Test
    void a_plugin_created_from_a_services_tab_completes_as_kong_manager_sends_it() throws Exception {
        String admin = node.admin();
        String origin = "http://127.0.0.1:" + guiPort;
        Http.Response service = send(
                "POST", admin + "/services", "{\"name\":\"km-plugin-tab\",\"url\":\"http://example.com:8080/test\"}");
        assertThat(service.status()).as(service.body()).isEqualTo(201);
        String sid = service.json().get("id").asText();
        String collection = admin + "/services/" + sid + "/plugins";

        Http.Response schema = get(admin + "/schemas/plugins/basic-auth", "Origin", origin);
        assertThat(schema.status()).as(schema.body()).isEqualTo(200);
        com.fasterxml.jackson.databind.node.ObjectNode config = Http.JSON.createObjectNode();
        JsonNode protocols = null;
        for (JsonNode field : schema.json().get("fields")) {
            if (field.has("config")) {
                for (JsonNode configField : field.get("config").get("fields")) {
                    String name = configField.fieldNames().next();
                    JsonNode definition = configField.get(name);
                    config.set(name, definition.has("default") ? definition.get("default") : null);
                }
            } else if (field.has("protocols")) {
                protocols = field.get("protocols").get("default");
            }
        }
        assertThat(config.size()).as(schema.body()).isPositive();
        assertThat(protocols).as(schema.body()).isNotNull();
        com.fasterxml.jackson.databind.node.ObjectNode form = Http.JSON.createObjectNode();
        form.put("name", "basic-auth");
        form.put("enabled", true);
        form.putNull("instance_name");
        form.set("protocols", protocols);
        form.putNull("tags");
        form.putObject("service").put("id", sid);
        form.putNull("route");
        form.putNull("consumer");
        form.set("config", config);
        String body = Http.JSON.writeValueAsString(form);

        Http.Response valid = send("POST", admin + "/schemas/plugins/validate", body, "Origin", origin);
        assertThat(valid.status()).as(valid.body()).isEqualTo(200);
        Http.Response created = send("POST", collection, body, "Origin", origin);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.header("Access-Control-Allow-Origin")).isEqualTo(origin);
        JsonNode plugin = created.json();
        assertThat(plugin.get("service")).isEqualTo(Http.JSON.readTree("{\"id\":\"" + sid + "\"}"));
        assertThat(plugin.get("route").isNull()).isTrue();
        assertThat(plugin.get("consumer").isNull()).isTrue();
        assertThat(plugin.get("enabled").asBoolean()).isTrue();
        String pid = plugin.get("id").asText();

        JsonNode listed = get(collection + "?size=30", "Origin", origin).json().get("data");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asText()).isEqualTo(pid);

        // the list's status switch, then the edit form through the nested path
        Http.Response disabled = send("PATCH", admin + "/plugins/" + pid, "{\"enabled\":false}", "Origin", origin);
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        Http.Response read = get(collection + "/" + pid, "Origin", origin);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("enabled").asBoolean()).isFalse();
        form.put("enabled", true);
        Http.Response edited =
                send("PATCH", collection + "/" + pid, Http.JSON.writeValueAsString(form), "Origin", origin);
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("enabled").asBoolean()).isTrue();
        assertThat(edited.json().get("service")).isEqualTo(plugin.get("service"));

        Http.Response deleted = send("DELETE", collection + "/" + pid, null, "Origin", origin);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(get(collection + "?size=30").json().get("data")).isEmpty();
        // the_entity_pages_get_kongs_answers pages through every service
        assertThat(send("DELETE", admin + "/services/" + sid, null).status()).isEqualTo(204);
    }

    /**
     * Kong Manager's "Credentials" tab of a consumer: the credential form is built from {@code GET /schemas/basicauth_credentials}
     * and POSTs to {@code /consumers/{id}/basic-auth} with {@code consumer: {id}} and {@code tags} null; the tab lists
     * the nested collection and deletes through it.
     */
    @Test
    void a_credential_created_from_a_consumers_tab_completes_as_kong_manager_sends_it() throws Exception {
        String admin = node.admin();
        String origin = "http://127.0.0.1:" + guiPort;
        Http.Response consumer = send("POST", admin + "/consumers", "{\"username\":\"km-cred-tab\"}");
        assertThat(consumer.status()).as(consumer.body()).isEqualTo(201);
        String cid = consumer.json().get("id").asText();
        assertThat(get(admin + "/schemas/basicauth_credentials", "Origin", origin)
                        .status())
                .isEqualTo(200);
        String collection = admin + "/consumers/" + cid + "/basic-auth";
        Http.Response created = send(
                "POST",
                collection,
                "{\"consumer\":{\"id\":\"" + cid
                        + "\"},\"username\":\"km-alice\",\"password\":\"km-secret\",\"tags\":null}",
                "Origin",
                origin);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("consumer")).isEqualTo(Http.JSON.readTree("{\"id\":\"" + cid + "\"}"));
        String id = created.json().get("id").asText();
        JsonNode listed = get(collection + "?size=30", "Origin", origin).json().get("data");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("username").asText()).isEqualTo("km-alice");
        assertThat(send("DELETE", collection + "/" + id, null, "Origin", origin).status())
                .isEqualTo(204);
        assertThat(get(collection + "?size=30").json().get("data")).isEmpty();
        assertThat(send("DELETE", admin + "/consumers/" + cid, null).status()).isEqualTo(204);
    }
}
