package io.tollgate.adapter.http.proxy;

import io.tollgate.adapter.http.proxy.ProxyState.Failure;
import io.undertow.client.ClientCallback;
import io.undertow.client.ClientConnection;
import io.undertow.client.ClientExchange;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Watches one upstream request until its response head arrives, enforcing the service's {@code read_timeout}: when
 * it elapses first, the connection is closed and Undertow's proxy is told the request failed (a closed connection
 * alone does not wake up a pending response). Whatever comes first — response, failure or timeout — settles the
 * watch; later signals are dropped. On a response it marks the exchange as answered and applies Kong's downstream
 * header rules ({@link DownstreamHeaders}).
 */
final class ResponseWatch {

    private final ProxyState state;
    private final ClientConnection connection;
    private final ClientCallback<ClientExchange> sent;
    private final AtomicBoolean settled = new AtomicBoolean();
    private final XnioExecutor.Key timer;
    private volatile @Nullable ClientCallback<ClientExchange> listener;

    ResponseWatch(ProxyState state, ClientConnection connection, ClientCallback<ClientExchange> sent) {
        this.state = state;
        this.connection = connection;
        this.sent = sent;
        this.timer = connection.getIoThread().executeAfter(this::timedOut, state.forward.readTimeoutMs(),
                TimeUnit.MILLISECONDS);
    }

    /** The callback to hand to the real {@code sendRequest}. */
    ClientCallback<ClientExchange> sendCallback() {
        return new ClientCallback<>() {
            @Override
            public void completed(ClientExchange result) {
                if (!settled.get()) {
                    sent.completed(new ObservedExchange(result, ResponseWatch.this));
                }
            }

            @Override
            public void failed(IOException e) {
                if (settle()) {
                    state.fail(Failure.BAD_RESPONSE);
                    sent.failed(e);
                }
            }
        };
    }

    /** Wraps the proxy's response listener. */
    ClientCallback<ClientExchange> observe(ClientCallback<ClientExchange> proxyListener) {
        this.listener = proxyListener;
        return new ClientCallback<>() {
            @Override
            public void completed(ClientExchange result) {
                if (settle()) {
                    state.responded = true;
                    DownstreamHeaders.proxied(state, result.getResponse().getResponseCode(),
                            result.getResponse().getResponseHeaders());
                    proxyListener.completed(result);
                } else {
                    IoUtils.safeClose(result.getConnection());
                }
            }

            @Override
            public void failed(IOException e) {
                if (settle()) {
                    state.fail(Failure.BAD_RESPONSE);
                    proxyListener.failed(e);
                }
            }
        };
    }

    private boolean settle() {
        if (settled.compareAndSet(false, true)) {
            timer.remove();
            return true;
        }
        return false;
    }

    private void timedOut() {
        if (!settled.compareAndSet(false, true)) {
            return;
        }
        state.fail(Failure.TIMEOUT);
        IoUtils.safeClose(connection);
        IOException timeout = new IOException("upstream read timed out after " + state.forward.readTimeoutMs() + " ms");
        ClientCallback<ClientExchange> current = listener;
        if (current != null) {
            current.failed(timeout);
        } else {
            sent.failed(timeout);
        }
    }
}
