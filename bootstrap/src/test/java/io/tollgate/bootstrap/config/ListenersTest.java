package io.tollgate.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListenersTest {
    final List<String> warnings = new ArrayList<>();

    private List<ListenEntry> parse(String value) {
        return Listeners.parse(Property.ADMIN_LISTEN, value, warnings::add);
    }

    @Test
    void parsesCommaSeparatedIpv4AndIpv6Entries() throws Exception {
        List<ListenEntry> listeners = parse("127.0.0.1:8001, [::1]:8444 ,0.0.0.0:0");

        assertThat(listeners)
                .extracting(ListenEntry::address)
                .containsExactly(
                        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8001),
                        new InetSocketAddress(InetAddress.getByName("::1"), 8444),
                        new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
        assertThat(listeners)
                .extracting(Listeners::format)
                .containsExactly("127.0.0.1:8001", "[0:0:0:0:0:0:0:1]:8444", "0.0.0.0:0");
        assertThat(warnings).isEmpty();
    }

    @Test
    void offMeansNoListener() {
        assertThat(parse("off")).isEmpty();
        assertThat(parse(" off , ")).isEmpty();
        assertThat(parse("off, 127.0.0.1:8001")).isEmpty();
    }

    @Test
    void kongsFlagsAreAcceptedWithoutEffect() {
        assertThat(parse("127.0.0.1:8001 reuseport backlog=16384 deferred bind ipv6only=on so_keepalive=on"))
                .extracting(Listeners::format)
                .containsExactly("127.0.0.1:8001");
        assertThat(warnings).isEmpty();
    }

    @Test
    void http2AndSslFlagsAreKeptOnTheirEntry() {
        assertThat(parse("127.0.0.1:8001 http2, 127.0.0.1:8002 ssl"))
                .containsExactly(
                        new ListenEntry(new InetSocketAddress("127.0.0.1", 8001), false, true),
                        new ListenEntry(new InetSocketAddress("127.0.0.1", 8002), true, false));
        assertThat(warnings).isEmpty();
    }

    @Test
    void proxyProtocolFlagIsKeptOnItsEntry() {
        List<ListenEntry> listeners = parse("127.0.0.1:8000 proxy_protocol, 127.0.0.1:8443 ssl proxy_protocol");

        assertThat(listeners)
                .containsExactly(
                        new ListenEntry(new InetSocketAddress("127.0.0.1", 8000), false, false, true),
                        new ListenEntry(new InetSocketAddress("127.0.0.1", 8443), true, false, true));
        assertThat(listeners).extracting(Listeners::format).contains("127.0.0.1:8443 ssl proxy_protocol");
        assertThat(warnings).isEmpty();
    }

    @Test
    void kongsDefaultValueGivesAPlainAndATlsListener() {
        List<ListenEntry> listeners =
                parse("127.0.0.1:8001 reuseport backlog=16384, 127.0.0.1:8444 http2 ssl reuseport backlog=16384");

        assertThat(listeners)
                .extracting(Listeners::format)
                .containsExactly("127.0.0.1:8001", "127.0.0.1:8444 http2 ssl");
        assertThat(listeners.get(1).ssl()).isTrue();
        assertThat(warnings).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
      8001                       | has an entry "8001" that is not <host>:<port>
      127.0.0.1                  | has an entry "127.0.0.1" that is not <host>:<port>
      ::1:8001                   | has an entry "::1:8001" that is not <host>:<port>
      [localhost]:8001           | has an entry "[localhost]:8001" that is not <host>:<port>
      127.0.0.1:http             | has an entry "127.0.0.1:http" that is not <host>:<port>
      127.0.0.1:-1               | has an entry "127.0.0.1:-1" that is not <host>:<port>
      127.0.0.1:65536            | has a port out of range (0-65535) in "127.0.0.1:65536"
      127.0.0.1:8001 quic        | has an unknown flag "quic"
      127.0.0.1:8001 backlog=big | has an unknown flag "backlog=big"
      127.0.0.1:8001, off        | has an entry "off" that is not <host>:<port>
      ' , '                      | lists no listener (use off for none)
      """)
    void invalidEntriesAreErrors(String value, String problem) {
        assertThatThrownBy(() -> parse(value))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid admin_listen: \"" + value + "\" " + problem);
    }
}
