package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The Admin API refuses what a web page could make a browser send it: cross-site state-changing requests (403) and
 * requests for domain names it does not answer to (421, DNS rebinding); scripts and same-host GUIs are unaffected.
 */
class AdminBrowserGuardIT extends AdminApiITSupport {

    /** Sends one raw HTTP/1.1 request (Host chosen freely) and returns the status line and body. */
    static String raw(String head, String body) throws IOException {
        int port = server.adminAddresses().get(0).getPort();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String request = head + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n" + body;
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    static String post(String host, String... headers) throws IOException {
        StringBuilder head = new StringBuilder("POST /consumers HTTP/1.1\r\nHost: " + host + "\r\n");
        head.append("Content-Type: application/json\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        return raw(head.toString(), "{\"username\":\"u-" + System.nanoTime() + "\"}");
    }

    @Test
    void scripts_and_same_host_guis_may_write() throws Exception {
        assertThat(post("127.0.0.1:8001")).startsWith("HTTP/1.1 201");
        assertThat(post("localhost:8001", "Origin: http://localhost:8002", "Sec-Fetch-Site: same-site"))
                .startsWith("HTTP/1.1 201");
        assertThat(post("127.0.0.1:8001", "Origin: http://127.0.0.1:8002")).startsWith("HTTP/1.1 201");
        assertThat(post("[::1]:8001")).startsWith("HTTP/1.1 201");
    }

    @Test
    void a_cross_site_write_is_refused_with_403_and_a_read_is_not() throws Exception {
        String refused = post("127.0.0.1:8001", "Origin: http://evil.example", "Sec-Fetch-Site: cross-site");
        assertThat(refused).startsWith("HTTP/1.1 403");
        assertThat(refused).contains("\"message\":\"Forbidden: cross-site requests cannot change the configuration\"");
        assertThat(post("127.0.0.1:8001", "Origin: http://evil.example")).startsWith("HTTP/1.1 403");
        assertThat(post("127.0.0.1:8001", "Sec-Fetch-Site: cross-site")).startsWith("HTTP/1.1 403");
        assertThat(post("127.0.0.1:8001", "Origin: null"))
                .as("an opaque origin")
                .startsWith("HTTP/1.1 403");

        String read = raw("GET /consumers HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://evil.example\r\n", "");
        assertThat(read).as("reads keep Kong's CORS answer").startsWith("HTTP/1.1 200");
    }

    @Test
    void a_domain_the_admin_api_does_not_answer_to_is_refused_with_421() throws Exception {
        String rebound = raw("GET /consumers HTTP/1.1\r\nHost: attacker.example:8001\r\n", "");
        assertThat(rebound).startsWith("HTTP/1.1 421");
        assertThat(rebound).contains("does not answer to 'attacker.example'");
        assertThat(post("attacker.example")).startsWith("HTTP/1.1 421");
        assertThat(raw("GET / HTTP/1.1\r\nHost: 10.1.2.3:8001\r\n", ""))
                .as("an IP literal")
                .startsWith("HTTP/1.1 200");
        assertThat(raw("GET / HTTP/1.1\r\nHost: admin.localhost\r\n", "")).startsWith("HTTP/1.1 200");
    }

    @Test
    void the_guard_s_rules() {
        BrowserGuardRules.check();
    }

    /** Unit checks of the pure parts. */
    static final class BrowserGuardRules {
        static void check() {
            assertThat(BrowserGuard.hostName("Example.COM:8001")).isEqualTo("example.com");
            assertThat(BrowserGuard.hostName("[::1]:8001")).isEqualTo("[::1]");
            assertThat(BrowserGuard.hostName(" ")).isNull();
        }
    }
}
