package io.tollgate.adapter.http.proxy;

import io.tollgate.application.port.in.ResponsePhases;
import io.undertow.client.ClientExchange;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSourceChannel;

/**
 * Kong's buffered proxying, used when a collected plugin implements the {@code response} phase: the upstream's whole
 * response body is read into memory before anything is sent, the plugins' {@code response} handlers may change its
 * status, headers and body, then the response goes to the client with a {@code Content-Length} through the usual
 * {@code header_filter} and {@code body_filter}. Reading never blocks: the upstream channel's read listener resumes
 * it on the I/O thread. An upstream that breaks the connection mid-body gets the client Kong's 502 (nothing was sent
 * yet, which streaming cannot offer). The body is held whole, as Kong holds it: only plugins that need it should
 * implement {@code response}.
 */
final class BufferedUpstreamResponse extends HeaderMapHead implements ResponsePhases.BufferedResponse {

    private static final Logger LOG = LoggerFactory.getLogger(BufferedUpstreamResponse.class);

    private final HttpServerExchange exchange;
    private final ProxyState state;
    private final ClientExchange upstream;
    private final HeaderMap headers;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private byte[] body = new byte[0];

    private BufferedUpstreamResponse(HttpServerExchange exchange, ProxyState state, ClientExchange upstream) {
        super(upstream.getResponse().getResponseCode(), upstream.getResponse().getResponseHeaders());
        this.exchange = exchange;
        this.state = state;
        this.upstream = upstream;
        this.headers = upstream.getResponse().getResponseHeaders();
    }

    /**
     * Reads the upstream's response of {@code upstream} whole, runs {@code phases}' {@code response} over it and
     * sends the result to the client of {@code exchange}. Call on the I/O thread, once the response head arrived.
     */
    static void start(HttpServerExchange exchange, ProxyState state, ClientExchange upstream, ResponsePhases phases) {
        new BufferedUpstreamResponse(exchange, state, upstream).read(upstream.getResponseChannel(), phases);
    }

    private void read(StreamSourceChannel channel, ResponsePhases phases) {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        try {
            while (true) {
                int n = channel.read(buffer);
                if (n == -1) {
                    channel.suspendReads();
                    channel.getReadSetter().set(null);
                    body = received.toByteArray();
                    respond(phases);
                    return;
                }
                if (n == 0) {
                    channel.getReadSetter().set(c -> read(channel, phases));
                    channel.resumeReads();
                    return;
                }
                received.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
        } catch (IOException e) {
            channel.suspendReads();
            IoUtils.safeClose(upstream.getConnection());
            LOG.debug("the upstream broke its response body", e);
            if (!exchange.isResponseStarted()) {
                KongErrors.sendError(exchange, 502, KongErrors.BAD_GATEWAY);
            }
        }
    }

    private void respond(ResponsePhases phases) {
        phases.response(this).whenComplete((ok, error) -> {
            if (exchange.getIoThread() == Thread.currentThread()) {
                send();
            } else {
                exchange.getIoThread().execute(this::send);
            }
        });
    }

    private void send() {
        int status = status();
        HeaderMap out = exchange.getResponseHeaders();
        for (HeaderValues values : headers) {
            if (!out.contains(values.getHeaderName())) {
                out.putAll(values.getHeaderName(), values);
            }
        }
        out.remove(Headers.TRANSFER_ENCODING);
        boolean head = Methods.HEAD.equals(exchange.getRequestMethod());
        boolean bodyAllowed = status >= 200 && status != 204 && status != 304;
        if (bodyAllowed && !head) {
            out.put(Headers.CONTENT_LENGTH, body.length);
        } else if (!head) {
            out.remove(Headers.CONTENT_LENGTH);
        }
        exchange.setStatusCode(status);
        state.view.headerFilter(status, out);
        if (head || !bodyAllowed || body.length == 0) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(ByteBuffer.wrap(body));
        }
    }

    @Override
    public byte[] body() {
        return body;
    }

    @Override
    public void setBody(byte[] body) {
        this.body = body;
    }
}
