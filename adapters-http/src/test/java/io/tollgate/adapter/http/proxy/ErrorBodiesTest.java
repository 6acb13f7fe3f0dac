package io.tollgate.adapter.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapter.http.edge.ErrorTemplates;
import io.tollgate.application.port.in.ProxyDecision.Respond;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorBodiesTest {

    @Test
    void choosesTheMediaTypeAsKongDoes() {
        assertThat(ErrorBodies.mediaType(null)).isEqualTo("application/json");
        assertThat(ErrorBodies.mediaType("text/html")).isEqualTo("text/html");
        assertThat(ErrorBodies.mediaType("text/html;q=0.5, application/xml")).isEqualTo("application/xml");
        assertThat(ErrorBodies.mediaType("text/xml, text/html"))
                .as("first of equal q")
                .isEqualTo("text/xml");
        assertThat(ErrorBodies.mediaType("text/*")).isEqualTo("text/plain");
        assertThat(ErrorBodies.mediaType("*/*")).isEqualTo("application/json");
        assertThat(ErrorBodies.mediaType("image/png")).isEqualTo("application/json");
        assertThat(ErrorBodies.mediaType("text/plain; charset=utf-8; q=0.9, text/html; q=0.1"))
                .isEqualTo("text/plain");
        assertThat(ErrorBodies.mediaType("text/html;q=0"))
                .as("q=0 is never chosen")
                .isEqualTo("application/json");
        assertThat(ErrorBodies.mediaType("garbage, ,")).isEqualTo("application/json");
    }

    @Test
    void rendersEachTemplateWithTheRequestIdAndEscapes() {
        assertThat(ErrorBodies.render("application/json", "no \"Route\"", "abc").body())
                .isEqualTo("{\n  \"message\":\"no \\\"Route\\\"\",\n  \"request_id\":\"abc\"\n}");
        assertThat(ErrorBodies.render("text/plain", "Not found", "abc").body())
                .isEqualTo("Not found\nrequest_id: abc\n");
        ErrorBodies.Rendered html = ErrorBodies.render("text/html", "a <b>", "abc");
        assertThat(html.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(html.body()).contains("<p>a &lt;b&gt;.</p>").contains("<p>request_id: abc</p>");
        ErrorBodies.Rendered xml = ErrorBodies.render("text/xml", "x & y", "abc");
        assertThat(xml.contentType()).isEqualTo("text/xml; charset=utf-8");
        assertThat(xml.body())
                .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<error>")
                .contains("<message>x &amp; y</message>")
                .contains("<requestid>abc</requestid>");
    }

    @Test
    void customTemplatesReplaceTheDefaultOfTheirTypeOnlyAndEscapeForIt() {
        ErrorTemplates templates = new ErrorTemplates(
                new ErrorTemplates.Template("e.html", "<p>%s</p><i>%s</i>"),
                new ErrorTemplates.Template("e.json", "{\"custom\":\"%s\",\"id\":\"%s\",\"pct\":\"100%%\"}"),
                null,
                new ErrorTemplates.Template("e.txt", "oops: %s"));
        ErrorBodies.Rendered html = ErrorBodies.render("text/html", "a <b>", "abc", templates);
        assertThat(html.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(html.body()).isEqualTo("<p>a &lt;b&gt;</p><i>abc</i>");
        assertThat(ErrorBodies.render("application/json", "no \"Route\"", "abc", templates)
                        .body())
                .isEqualTo("{\"custom\":\"no \\\"Route\\\"\",\"id\":\"abc\",\"pct\":\"100%\"}");
        assertThat(ErrorBodies.render("text/plain", "Not found", "abc", templates)
                        .body())
                .isEqualTo("oops: Not found");
        assertThat(ErrorBodies.render("application/xml", "x", "abc", templates))
                .isEqualTo(ErrorBodies.render("application/xml", "x", "abc"));
        assertThat(ErrorBodies.render("text/html", "x", "abc", ErrorTemplates.NONE))
                .isEqualTo(ErrorBodies.render("text/html", "x", "abc"));
    }

    @Test
    void recognisesOnlyBareMessageBodies() {
        assertThat(ErrorBodies.messageOf(Respond.message(401, "No \"API\" key\n\u0001")))
                .isEqualTo("No \"API\" key\n\u0001");
        assertThat(ErrorBodies.messageOf(
                        new Respond(200, Map.of("Content-Type", Respond.JSON), "{\"message\":\"a\",\"x\":\"b\"}")))
                .isNull();
        assertThat(ErrorBodies.messageOf(new Respond(403, Map.of("Content-Type", "text/plain"), "{\"message\":\"a\"}")))
                .isNull();
        assertThat(ErrorBodies.messageOf(new Respond(301, Map.of("Location", "https://x/"), "")))
                .isNull();
    }

    @Test
    void requestIdsAre32HexDigitsAndDiffer() {
        String a = ProxyEdge.newRequestId();
        assertThat(a).matches("[0-9a-f]{32}");
        assertThat(ProxyEdge.newRequestId()).isNotEqualTo(a);
    }
}
