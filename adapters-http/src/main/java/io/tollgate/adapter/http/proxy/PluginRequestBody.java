package io.tollgate.adapter.http.proxy;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpContinue;
import io.undertow.util.Headers;
import io.undertow.util.ImmediatePooledByteBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSourceChannel;

/**
 * The request body as plugins read and replace it (Kong's {@code kong.request.get_raw_body} and
 * {@code kong.service.request.set_raw_body}). The first read takes the exchange's request channel on its I/O thread
 * (after the handler call that asked returned, so it never competes with the call's dispatch), answers
 * {@code Expect: 100-continue} itself (the upstream then gets the whole body without the expectation), and reads
 * at most {@link RequestBuffer#MAX_BUFFERS} pooled buffers (1 MiB). A complete body is copied for the plugins and
 * put back in front of the request channel by {@link #replay()} just before the request is forwarded (the plugins'
 * replacement if they set one, with its {@code Content-Length}); a larger one is put back at once and streamed.
 */
final class PluginRequestBody {

    private final HttpServerExchange exchange;
    private @Nullable CompletableFuture<Optional<byte[]>> read;
    private byte @Nullable [] body;
    private byte @Nullable [] replacement;
    private boolean channelTaken;

    PluginRequestBody(HttpServerExchange exchange) {
        this.exchange = exchange;
    }

    /** The body; see {@link io.tollgate.application.port.in.ProxyExchange#readBody()}. */
    CompletionStage<Optional<byte[]>> read() {
        CompletableFuture<Optional<byte[]>> result = read;
        if (result != null) {
            return result;
        }
        result = new CompletableFuture<>();
        read = result;
        if (exchange.isRequestComplete()) {
            body = new byte[0];
            result.complete(Optional.of(body));
        } else if (RequestBuffer.isWebSocket(exchange)) {
            result.complete(Optional.empty()); // a WebSocket's bytes follow its 101
        } else {
            exchange.getIoThread().execute(this::start);
        }
        return result;
    }

    /** Sends {@code bytes} upstream instead of the body read. @throws IllegalStateException before a complete read */
    void replace(byte[] bytes) {
        if (body == null) {
            throw new IllegalStateException("the request body was not read (or is too large to replace)");
        }
        replacement = bytes.clone();
    }

    /** Puts the body read (or its replacement) back in front of the request channel; no-op when none was read. */
    void replay() {
        byte[] original = body;
        if (original == null || !channelTaken && replacement == null) {
            return; // nothing read, or nothing taken from the connection and nothing to send instead
        }
        body = null;
        byte[] bytes = replacement == null ? original : replacement;
        if (replacement != null) {
            exchange.getRequestHeaders().remove(Headers.TRANSFER_ENCODING);
            exchange.getRequestHeaders().put(Headers.CONTENT_LENGTH, bytes.length);
        }
        if (bytes.length == 0) {
            RequestBuffer.replay(exchange);
        } else {
            RequestBuffer.replay(exchange, new ImmediatePooledByteBuffer(ByteBuffer.wrap(bytes)));
        }
    }

    private void start() {
        CompletableFuture<Optional<byte[]>> result = read;
        try {
            if (HttpContinue.requiresContinueResponse(exchange)) {
                HttpContinue.sendContinueResponse(exchange, new IoCallback() {
                    @Override
                    public void onComplete(HttpServerExchange done, @Nullable Sender sender) {
                        done.getRequestHeaders().remove(Headers.EXPECT); // the upstream gets the whole body at once
                        take();
                    }

                    @Override
                    public void onException(HttpServerExchange done, @Nullable Sender sender, IOException e) {
                        IoUtils.safeClose(done.getConnection());
                        result.completeExceptionally(e);
                    }
                });
                return;
            }
            take();
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private void take() {
        CompletableFuture<Optional<byte[]>> result = read;
        StreamSourceChannel channel = exchange.getRequestChannel();
        channelTaken = channel != null;
        if (channel == null) { // already taken (cannot happen before forwarding): not offered
            result.complete(Optional.empty());
            return;
        }
        try {
            RequestBuffer.read(exchange, channel, new RequestBuffer.Then() {
                @Override
                public void buffered(PooledByteBuffer[] buffers, boolean complete, boolean inCall) {
                    if (complete) {
                        body = copy(buffers);
                        result.complete(Optional.of(body));
                    } else {
                        RequestBuffer.replay(exchange, buffers);
                        result.complete(Optional.empty());
                    }
                }

                @Override
                public void failed(Exception cause) {
                    result.completeExceptionally(cause);
                }
            });
        } catch (Exception e) {
            result.completeExceptionally(e);
        }
    }

    private static byte[] copy(PooledByteBuffer[] buffers) {
        int size = 0;
        for (PooledByteBuffer b : buffers) {
            size += b.getBuffer().remaining();
        }
        byte[] bytes = new byte[size];
        int at = 0;
        for (PooledByteBuffer b : buffers) {
            ByteBuffer buffer = b.getBuffer();
            int n = buffer.remaining();
            buffer.get(bytes, at, n);
            at += n;
            b.close();
        }
        return bytes;
    }
}
