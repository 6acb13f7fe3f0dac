package io.tollgate.adapter.http.proxy;

import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.jspecify.annotations.Nullable;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * The source channel an exchange's request body is read through, below the exchange's own request channel: a conduit
 * set on it sees every body byte still to be read, after the request's framing (chunked decoding on HTTP/1.1, DATA
 * frames on HTTP/2). This is how the proxy times and budgets a body whose request channel it already took
 * ({@link StreamedBodyTimeout#timeRest}, {@link RequestBodyBudget#apply}).
 *
 * <p>On HTTP/1.1 it is the connection's channel (Undertow puts the connection's own conduit back when the exchange
 * ends). On HTTP/2 each stream has its own {@link ServerConnection}, whose source channel Undertow does not publish:
 * it is reached through a method handle on {@code ServerConnection.getSourceChannel()}, looked up once. Where that
 * lookup is refused (a future Undertow), HTTP/2 bodies are left as they are and {@link #of} answers {@code null}.
 */
final class RequestSource {

    private static final @Nullable MethodHandle SOURCE_CHANNEL = sourceChannelHandle();

    private RequestSource() {}

    /** The source channel of {@code exchange}'s request body, or {@code null} when it cannot be reached. */
    static @Nullable ConduitStreamSourceChannel of(HttpServerExchange exchange) {
        ServerConnection connection = exchange.getConnection();
        if (connection instanceof AbstractServerConnection http1) {
            return http1.getChannel().getSourceChannel();
        }
        MethodHandle handle = SOURCE_CHANNEL;
        if (handle == null) {
            return null;
        }
        try {
            return (ConduitStreamSourceChannel) handle.invokeExact(connection);
        } catch (Throwable refused) {
            return null;
        }
    }

    private static @Nullable MethodHandle sourceChannelHandle() {
        try {
            return MethodHandles.privateLookupIn(ServerConnection.class, MethodHandles.lookup())
                    .findVirtual(
                            ServerConnection.class,
                            "getSourceChannel",
                            MethodType.methodType(ConduitStreamSourceChannel.class));
        } catch (ReflectiveOperationException | RuntimeException refused) {
            return null;
        }
    }
}
