package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Tollgate's console in a real headless Chromium against real nodes on a real PostgreSQL ({@code db_update_frequency
 * = 1}): node {@code a} serves the console on its {@code admin_gui_listen}, node {@code b} is the second member. The
 * cluster page shows both and then {@code b} failed after SIGKILL; a PATCH shows in the history page with its diff; a
 * service and a route created through the entity forms proxy traffic; the traffic page charts it; a node with
 * {@code admin_auth = token} asks for a login first, one with {@code admin_auth = basic} takes a name and password; the
 * route is then edited through its form (a PATCH that moves its traffic) and deleted. Each test saves a screenshot to
 * {@code target/screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final Duration CLI = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static NodeProcess a;
    static NodeProcess b;
    static EchoUpstream upstream;
    static Browser browser;
    static int guiPort;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(dir);
        upstream = cluster.closing(new EchoUpstream());
        guiPort = NodeProcess.freePort();
        a = cluster.node("a", cluster.settings("db_update_frequency", "1", "admin_gui_listen", "127.0.0.1:" + guiPort));
        b = cluster.node("b", cluster.settings("db_update_frequency", "1"));
        browser = new Browser();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    private static String console(String page) {
        return "http://127.0.0.1:" + guiPort + "/console/#/" + page;
    }

    private static String nodeId(NodeProcess node) {
        return Http.get(node.admin() + "/").json().get("node_id").asText();
    }

    private static By node(String id, String state) {
        return By.cssSelector("#nodes tr[data-node='" + id + "'][data-state='" + state + "']");
    }

    @Test
    @Order(1)
    void the_cluster_page_shows_both_nodes_then_one_failed_after_sigkill() throws Exception {
        String idA = nodeId(a);
        String idB = nodeId(b);
        browser.open(console("cluster"));
        browser.visible(node(idA, "active"));
        WebElement rowB = browser.visible(node(idB, "active"));
        assertThat(rowB.getText())
                .contains(Http.get(b.admin() + "/").json().get("version").asText());
        browser.screenshot("console-cluster");

        b.kill();
        // three missed heartbeats of 1 s, seen by the page's 2 s refresh
        browser.visible(node(idB, "failed"));
        browser.visible(node(idA, "active"));
        assertThat(browser.driver.findElement(node(idB, "failed")).getText()).contains("failed");
        browser.screenshot("console-cluster-failed");
    }

    @Test
    @Order(2)
    void a_service_and_a_route_created_through_the_forms_proxy_traffic() throws Exception {
        browser.open(console("entities/services"));
        browser.click(By.id("entity-new"));
        browser.type(By.cssSelector("#entity-form input[name='name']"), "console-echo");
        browser.click(By.id("form-save"));
        // the Admin API's own message: a service needs a host
        WebElement error = browser.visible(By.cssSelector("#entity-form .field.invalid .field-error"));
        assertThat(error.getText()).isNotBlank();
        assertThat(browser.visible(By.id("form-error")).getText()).contains("schema violation");

        String port = upstream.url().substring(upstream.url().lastIndexOf(':') + 1);
        browser.type(By.cssSelector("#entity-form input[name='host']"), "127.0.0.1");
        browser.type(By.cssSelector("#entity-form input[name='port']"), port);
        browser.click(By.id("form-save"));
        browser.visible(By.cssSelector("#entities tr[data-name='console-echo']"));

        browser.click(By.id("tab-routes"));
        browser.click(By.id("entity-new"));
        browser.type(By.cssSelector("#entity-form input[name='name']"), "console-echo-route");
        browser.type(By.cssSelector("#entity-form input[name='paths']"), "/console-echo");
        new Select(browser.visible(By.cssSelector("#entity-form select[name='service']")))
                .selectByVisibleText("console-echo");
        browser.screenshot("console-entities-form");
        browser.click(By.id("form-save"));
        WebElement route = browser.visible(By.cssSelector("#entities tr[data-name='console-echo-route']"));
        assertThat(route.getText()).contains("/console-echo").contains("console-echo");
        browser.screenshot("console-entities");

        await().atMost(Browser.PATIENCE).untilAsserted(() -> {
            Http.Response proxied = Http.get(a.proxy() + "/console-echo/hello");
            assertThat(proxied.status()).as(proxied.body()).isEqualTo(200);
            assertThat(proxied.json().get("path").asText()).isEqualTo("/hello");
        });
    }

    @Test
    @Order(3)
    void a_patch_shows_in_the_history_page_with_its_diff() throws Exception {
        Http.Response created =
                Http.post(a.admin() + "/services", "{\"name\":\"history-svc\",\"host\":\"before.test\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Http.Response patched = Http.send("PATCH", a.admin() + "/services/history-svc", "{\"host\":\"after.test\"}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);

        browser.open(console("history"));
        browser.visible(By.cssSelector("li.change[data-entity='routes']"));
        new Select(browser.visible(By.id("filter-kind"))).selectByValue("services");
        browser.await(d -> d.findElements(By.cssSelector("li.change:not([data-entity='services'])"))
                .isEmpty());
        By update = By.xpath("//li[@data-operation='update'][.//div[contains(., 'history-svc')]]");
        WebElement change = browser.visible(update);
        WebElement host = change.findElement(By.xpath(".//table[@class='diff']//tr[th='host']"));
        assertThat(host.findElement(By.className("before")).getText()).isEqualTo("\"before.test\"");
        assertThat(host.findElement(By.className("after")).getText()).isEqualTo("\"after.test\"");
        assertThat(change.getText()).contains("Export the configuration as it was at this moment");
        browser.screenshot("console-history");
    }

    @Test
    @Order(4)
    void the_cache_page_lists_inspects_and_purges_keys() throws Exception {
        // a key-auth miss is cached by the node that saw it
        String admin = a.admin();
        assertThat(Http.post(admin + "/services", "{\"name\":\"cache-svc\",\"url\":\"" + upstream.url() + "\"}")
                        .status())
                .isEqualTo(201);
        assertThat(Http.post(admin + "/services/cache-svc/routes", "{\"paths\":[\"/cache-page\"]}")
                        .status())
                .isEqualTo(201);
        assertThat(Http.post(admin + "/services/cache-svc/plugins", "{\"name\":\"key-auth\"}")
                        .status())
                .isEqualTo(201);
        await().atMost(Browser.PATIENCE)
                .until(() -> Http.get(a.proxy() + "/cache-page", "apikey", "console-miss")
                                .status()
                        == 401);
        browser.open(console("cache"));
        assertThat(browser.visible(By.className("warning")).getText()).contains("dog-pile");
        // the node picker offers each active node at an address the browser can call (loopback kept as it is)
        browser.visible(By.cssSelector("#cache-node option[value='" + a.admin() + "']"));
        browser.type(By.id("cache-prefix"), "keyauth_credentials:console-miss");
        browser.click(By.cssSelector("form.filters button[type='submit']"));
        WebElement key = browser.visible(By.cssSelector("#cache-keys li button"));
        String name = key.getText();
        key.click();
        assertThat(name).startsWith("keyauth_credentials:console-miss:");
        assertThat(browser.visible(By.cssSelector(".inspect pre")).getText()).contains("cached miss");
        browser.screenshot("console-cache");
        browser.click(By.id("cache-purge-one"));
        assertThat(browser.visible(By.id("cache-message")).getText()).isEqualTo("Purged " + name + ".");
        browser.visible(By.xpath("//ul[@id='cache-keys']/li[text()='No key.']"));
        assertThat(Http.get(a.admin() + "/cache/" + name).status()).isEqualTo(404);

        // purging everything asks first
        browser.click(By.id("cache-purge-all"));
        browser.click(By.id("cache-purge-all-confirm"));
        assertThat(browser.visible(By.id("cache-message")).getText()).isEqualTo("Purged every entry of this node.");
    }

    @Test
    @Order(5)
    void with_admin_auth_token_the_console_asks_for_a_login() throws Exception {
        int port = NodeProcess.freePort();
        NodeProcess locked = cluster.node(
                "locked",
                cluster.settings(
                        "admin_auth",
                        "token",
                        "admin_gui_listen",
                        "127.0.0.1:" + port,
                        "admin_gui_url",
                        "http://127.0.0.1:" + port));
        NodeProcess.CommandResult add = NodeProcess.command(
                CLI,
                "admins",
                "add",
                "console-bot",
                "--token",
                "-c",
                locked.conf().toString());
        assertThat(add.exitCode()).as(add.output()).isZero();
        String token = add.output()
                .lines()
                .filter(l -> l.matches("[A-Za-z0-9_-]{43}"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no token in: " + add.output()));

        browser.open("http://127.0.0.1:" + port + "/console/#/cluster");
        browser.visible(By.id("login"));
        assertThat(browser.driver.findElements(By.id("nodes"))).isEmpty();
        browser.type(By.id("token"), token + "x");
        browser.click(By.id("login-submit"));
        assertThat(browser.visible(By.cssSelector("#login .error")).getText()).contains("not accepted");
        browser.screenshot("console-login");

        browser.type(By.id("token"), token);
        browser.click(By.id("login-submit"));
        browser.visible(By.cssSelector("#nodes tr[data-state='active']"));
        assertThat(browser.driver.findElements(By.id("login"))).isEmpty();
    }

    @Test
    @Order(6)
    void the_traffic_page_charts_real_traffic() throws Exception {
        // a node that samples its traffic every second (the default is every 10 s)
        NodeProcess sampler =
                cluster.node("sampler", cluster.settings("db_update_frequency", "1", "traffic_sample_interval", "1"));
        assertThat(Http.post(
                                sampler.admin() + "/services",
                                "{\"name\":\"traffic-svc\",\"url\":\"" + upstream.url() + "\"}")
                        .status())
                .isEqualTo(201);
        assertThat(Http.post(sampler.admin() + "/services/traffic-svc/routes", "{\"paths\":[\"/traffic-page\"]}")
                        .status())
                .isEqualTo(201);
        await().atMost(Browser.PATIENCE)
                .until(() -> Http.get(sampler.proxy() + "/traffic-page").status() == 200);
        for (int i = 0; i < 20; i++) {
            assertThat(Http.get(sampler.proxy() + "/traffic-page/" + i).status())
                    .isEqualTo(200);
        }
        browser.open(console("traffic"));
        // the page asks every 10 s; the node writes its sample within 1 s
        browser.await(d -> {
            String requests = d.findElement(By.id("traffic-summary")).getDomAttribute("data-requests");
            return requests != null && Integer.parseInt(requests) >= 20;
        });
        WebElement chart = browser.visible(By.id("chart-requests"));
        assertThat(Integer.parseInt(chart.getDomAttribute("data-points"))).isPositive();
        assertThat(chart.findElement(By.tagName("canvas")).getSize().getHeight())
                .isPositive();
        assertThat(Integer.parseInt(browser.visible(By.id("chart-latency")).getDomAttribute("data-points")))
                .isPositive();
        browser.screenshot("console-traffic");
    }

    private static By row(String name) {
        return By.cssSelector("#entities tr[data-name='" + name + "']");
    }

    private static By action(String name, String action) {
        return By.cssSelector("#entities tr[data-name='" + name + "'] button[data-action='" + action + "']");
    }

    @Test
    @Order(7)
    void editing_a_route_through_its_form_patches_it_and_changes_what_is_proxied() throws Exception {
        JsonNode before = Http.get(a.admin() + "/routes/console-echo-route").json();
        browser.open(console("entities/routes"));
        browser.click(action("console-echo-route", "edit"));
        WebElement paths = browser.visible(By.cssSelector("#entity-form input[name='paths']"));
        assertThat(paths.getDomProperty("value")).isEqualTo("/console-echo");
        browser.type(By.cssSelector("#entity-form input[name='paths']"), "/console-edited");
        browser.screenshot("console-entities-edit");
        browser.click(By.id("form-save"));
        browser.await(d -> d.findElements(By.id("entity-form")).isEmpty()
                && d.findElement(row("console-echo-route")).getText().contains("/console-edited"));

        // a PATCH of the one changed field: same id and creation time, the other fields as they were
        JsonNode after = Http.get(a.admin() + "/routes/console-echo-route").json();
        assertThat(after.get("id")).isEqualTo(before.get("id"));
        assertThat(after.get("created_at")).isEqualTo(before.get("created_at"));
        assertThat(after.get("paths").toString()).isEqualTo("[\"/console-edited\"]");
        assertThat(after.get("service")).isEqualTo(before.get("service"));
        assertThat(after.get("strip_path")).isEqualTo(before.get("strip_path"));
        JsonNode change = Http.get(a.admin() + "/routes/console-echo-route/history")
                .json()
                .get("data")
                .get(0);
        assertThat(change.get("operation").asText()).isEqualTo("update");
        assertThat(change.get("before").get("paths").toString()).isEqualTo("[\"/console-echo\"]");
        assertThat(change.get("after").get("paths").toString()).isEqualTo("[\"/console-edited\"]");

        await().atMost(Browser.PATIENCE).untilAsserted(() -> {
            Http.Response proxied = Http.get(a.proxy() + "/console-edited/hello");
            assertThat(proxied.status()).as(proxied.body()).isEqualTo(200);
            assertThat(proxied.json().get("path").asText()).isEqualTo("/hello");
            assertThat(Http.get(a.proxy() + "/console-echo/hello").status()).isEqualTo(404);
        });
    }

    @Test
    @Order(8)
    void deleting_a_route_through_the_console_asks_first_and_stops_its_traffic() throws Exception {
        browser.open(console("entities/routes"));
        browser.click(action("console-echo-route", "delete"));
        // nothing is deleted before the confirmation
        WebElement confirm = browser.visible(action("console-echo-route", "delete-confirm"));
        assertThat(Http.get(a.admin() + "/routes/console-echo-route").status()).isEqualTo(200);
        browser.screenshot("console-entities-delete");
        confirm.click();
        browser.await(d -> d.findElements(row("console-echo-route")).isEmpty());
        assertThat(Http.get(a.admin() + "/routes/console-echo-route").status()).isEqualTo(404);
        // the service stays, without the route
        browser.click(By.id("tab-services"));
        assertThat(browser.visible(row("console-echo")).getText()).doesNotContain("console-echo-route");
        await().atMost(Browser.PATIENCE)
                .until(() -> Http.get(a.proxy() + "/console-edited/hello").status() == 404);
    }

    @Test
    @Order(9)
    void with_admin_auth_basic_the_console_logs_in_with_a_name_and_password() throws Exception {
        int port = NodeProcess.freePort();
        NodeProcess locked = cluster.node(
                "basic",
                cluster.settings(
                        "admin_auth",
                        "basic",
                        "admin_gui_listen",
                        "127.0.0.1:" + port,
                        "admin_gui_url",
                        "http://127.0.0.1:" + port));
        NodeProcess.CommandResult add = NodeProcess.commandWithInput(
                CLI,
                "console-pass-word\n",
                "admins",
                "add",
                "console-alice",
                "--password-stdin",
                "-c",
                locked.conf().toString());
        assertThat(add.exitCode()).as(add.output()).isZero();

        browser.open("http://127.0.0.1:" + port + "/console/#/cluster");
        browser.visible(By.id("login"));
        assertThat(browser.driver.findElements(By.id("nodes"))).isEmpty();
        browser.click(By.id("mode-basic"));
        browser.type(By.id("user"), "console-alice");
        browser.type(By.id("password"), "not-the-password");
        browser.click(By.id("login-submit"));
        assertThat(browser.visible(By.cssSelector("#login .error")).getText()).contains("not accepted");
        browser.screenshot("console-login-basic");

        browser.type(By.id("password"), "console-pass-word");
        browser.click(By.id("login-submit"));
        browser.visible(By.cssSelector("#nodes tr[data-state='active']"));
        assertThat(browser.driver.findElements(By.id("login"))).isEmpty();
        // the console now sends the credentials on every call: another page loads without asking again
        browser.open("http://127.0.0.1:" + port + "/console/#/entities/services");
        browser.visible(row("console-echo"));
        assertThat(browser.driver.findElements(By.id("login"))).isEmpty();
    }
}
