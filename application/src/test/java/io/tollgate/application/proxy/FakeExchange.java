package io.tollgate.application.proxy;

import io.tollgate.application.port.in.ProxyDecision;
import io.tollgate.application.port.in.ProxyExchange;
import io.tollgate.application.port.in.ResponsePhases;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/** A request for tests, recording what plugins change. */
public final class FakeExchange implements ProxyExchange {

    private String method;
    /** The plugins' response side the proxy registered, or {@code null}. */
    public @Nullable ResponsePhases phases;

    private final String path;
    private String host = "";
    private int port = 8000;
    private String scheme = "http";
    private @Nullable String sni;
    private @Nullable String query;
    /** Request headers as the upstream will get them (lower-case names). */
    public final Map<String, List<String>> headers = new LinkedHashMap<>();

    public final Map<String, String> responseHeaders = new LinkedHashMap<>();

    public FakeExchange(String method, String pathAndQuery) {
        this.method = method;
        int q = pathAndQuery.indexOf('?');
        this.path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        this.query = q < 0 ? null : pathAndQuery.substring(q + 1);
    }

    public static FakeExchange get(String pathAndQuery) {
        return new FakeExchange("GET", pathAndQuery);
    }

    public FakeExchange host(String host) {
        this.host = host;
        return this;
    }

    public FakeExchange port(int port) {
        this.port = port;
        return this;
    }

    public FakeExchange scheme(String scheme) {
        this.scheme = scheme;
        return this;
    }

    /** A TLS request with this server name. */
    public FakeExchange sni(String sni) {
        this.scheme = "https";
        this.sni = sni;
        return this;
    }

    public FakeExchange header(String name, String... values) {
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .addAll(List.of(values));
        return this;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String scheme() {
        return scheme;
    }

    @Override
    public @Nullable String sni() {
        return sni;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public @Nullable String rawQuery() {
        return query;
    }

    @Override
    public String clientAddress() {
        return "127.0.0.1";
    }

    @Override
    public String serverAddress() {
        return "127.0.0.1";
    }

    @Override
    public Map<String, List<String>> headers() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> out.put(name, List.copyOf(values)));
        return out;
    }

    @Override
    public List<String> headerValues(String name) {
        return List.copyOf(headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
    }

    @Override
    public List<String> queryValues(String name) {
        List<String> values = new ArrayList<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                if (decode(kv[0]).equals(name)) {
                    values.add(kv.length > 1 ? decode(kv[1]) : "");
                }
            }
        }
        return values;
    }

    @Override
    public void setUpstreamHeader(String name, String value) {
        headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(List.of(value)));
    }

    @Override
    public void addUpstreamHeader(String name, String value) {
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .add(value);
    }

    @Override
    public void removeUpstreamHeader(String name) {
        headers.remove(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public void removeQueryArg(String name) {
        if (query == null) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (!decode(pair.split("=", 2)[0]).equals(name)) {
                kept.add(pair);
            }
        }
        query = kept.isEmpty() ? null : String.join("&", kept);
    }

    @Override
    public void addResponseHeader(String name, String value) {
        responseHeaders.put(name, value);
    }

    @Override
    public void setUpstreamMethod(String method) {
        this.method = method;
    }

    @Override
    public void setRawQuery(@Nullable String rawQuery) {
        this.query = rawQuery;
    }

    /** The client's HTTP version (tests set it): {@code 1.0}, {@code 1.1} or {@code 2.0}. */
    public String httpVersion = "1.1";

    @Override
    public String httpVersion() {
        return httpVersion;
    }

    /** The body the client sent (tests set it); {@code null}: larger than the buffering bound. */
    public byte @Nullable [] body = new byte[0];

    /** The body sent upstream after {@link #replaceBody}, or {@code null}. */
    public byte @Nullable [] replacedBody;

    private boolean bodyRead;

    /** The budget set with {@link #limitBody}, or -1. */
    public long bodyBudget = -1;

    /** The refusal set with {@link #limitBody}, or {@code null}. */
    public ProxyDecision.@Nullable Respond bodyRefusal;

    @Override
    public void limitBody(long maxBytes, ProxyDecision.Respond refusal) {
        bodyBudget = maxBytes;
        bodyRefusal = refusal;
    }

    @Override
    public CompletionStage<Optional<byte[]>> readBody() {
        bodyRead = true;
        return CompletableFuture.completedStage(Optional.ofNullable(body));
    }

    @Override
    public void replaceBody(byte[] replacement) {
        if (!bodyRead || body == null) {
            throw new IllegalStateException("read the body first");
        }
        replacedBody = replacement;
    }

    @Override
    public void onResponse(ResponsePhases phases) {
        this.phases = phases;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
