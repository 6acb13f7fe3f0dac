package io.tollgate.application.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.in.ServerCertificate;
import io.tollgate.application.port.in.TlsCertificates;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TlsCertificatesTest {

    private final ServerCertificate exact = cert();
    private final ServerCertificate prefix = cert();
    private final ServerCertificate suffix = cert();
    private final TlsCertificates snapshot = new TlsCertificates(
            Map.of("api.example.com", exact, "*.example.com", prefix, "api.example.*", suffix, "example.*", suffix));

    private static ServerCertificate cert() {
        return new ServerCertificate(UUID.randomUUID(), "c", "k", null, null);
    }

    @Test
    void exact_name_wins_over_wildcards() {
        assertThat(snapshot.select("api.example.com")).isSameAs(exact);
        assertThat(snapshot.select("API.Example.COM.")).isSameAs(exact);
    }

    @Test
    void leftmost_wildcard_replaces_one_label_and_wins_over_the_rightmost() {
        assertThat(snapshot.select("web.example.com")).isSameAs(prefix);
        assertThat(snapshot.select("a.b.example.com")).isNull();
        assertThat(snapshot.select("api.example.org")).isSameAs(suffix);
        assertThat(snapshot.select("example.net")).isSameAs(suffix);
    }

    @Test
    void no_match_or_no_sni_gives_null() {
        assertThat(snapshot.select("other.test")).isNull();
        assertThat(snapshot.select(null)).isNull();
        assertThat(snapshot.select("")).isNull();
        assertThat(snapshot.select("localhost")).isNull();
        assertThat(TlsCertificates.EMPTY.select("api.example.com")).isNull();
    }

    @Test
    void the_star_sni_serves_names_nothing_else_matches_but_not_handshakes_without_sni() {
        ServerCertificate star = cert();
        TlsCertificates withStar = new TlsCertificates(Map.of("api.example.com", exact, "*", star));
        assertThat(withStar.select("api.example.com")).isSameAs(exact);
        assertThat(withStar.select("other.test")).isSameAs(star);
        assertThat(withStar.select(null)).isNull();
    }
}
