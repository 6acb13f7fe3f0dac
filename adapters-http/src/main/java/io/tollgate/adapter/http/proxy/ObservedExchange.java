package io.tollgate.adapter.http.proxy;

import io.undertow.client.ClientCallback;
import io.undertow.client.ClientConnection;
import io.undertow.client.ClientExchange;
import io.undertow.client.ClientRequest;
import io.undertow.client.ClientResponse;
import io.undertow.client.ContinueNotification;
import io.undertow.client.PushCallback;
import io.undertow.util.AttachmentKey;
import io.undertow.util.AttachmentList;
import io.undertow.util.StatusCodes;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xnio.channels.EmptyStreamSourceChannel;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.channels.StreamSourceChannel;

/**
 * An upstream exchange whose response listener is wrapped by its {@link ResponseWatch}, and whose request channel
 * reports write progress to it ({@link WriteWatch}); its response may carry the status a plugin's
 * {@code header_filter} set, and have no body when the plugins framed it with {@code Content-Length: 0}
 * ({@link #restated}); everything else delegates.
 */
final class ObservedExchange implements ClientExchange {

    private final ClientExchange delegate;
    private final ResponseWatch watch;
    private final @Nullable ClientResponse response;
    /** An empty, finished body in place of the upstream's, or null to stream the upstream's. */
    private final @Nullable StreamSourceChannel emptyBody;

    private @Nullable WriteWatch requestChannel;

    ObservedExchange(ClientExchange delegate, ResponseWatch watch) {
        this(delegate, watch, null, null);
    }

    private ObservedExchange(
            ClientExchange delegate,
            ResponseWatch watch,
            @Nullable ClientResponse response,
            @Nullable StreamSourceChannel emptyBody) {
        this.delegate = delegate;
        this.watch = watch;
        this.response = response;
        this.emptyBody = emptyBody;
    }

    /**
     * {@code delegate} with its response's status replaced by {@code status} (and its standard reason phrase), the
     * same headers: what Undertow's proxy, which copies the upstream's status to the client, must see when a plugin's
     * {@code header_filter} changed it.
     *
     * @param withoutBody whether the response channel is an empty one that has already ended, instead of the
     *        upstream's (which is then never read): Undertow's proxy then completes the client's response right
     *        after its head
     */
    static ObservedExchange restated(ClientExchange delegate, ResponseWatch watch, int status, boolean withoutBody) {
        ClientResponse upstream = delegate.getResponse();
        return new ObservedExchange(
                delegate,
                watch,
                new ClientResponse(
                        status, StatusCodes.getReason(status), upstream.getProtocol(), upstream.getResponseHeaders()),
                withoutBody
                        ? new EmptyStreamSourceChannel(delegate.getConnection().getIoThread())
                        : null);
    }

    @Override
    public void setResponseListener(ClientCallback<ClientExchange> listener) {
        delegate.setResponseListener(watch.observe(listener));
    }

    @Override
    public void setContinueHandler(ContinueNotification handler) {
        delegate.setContinueHandler(handler);
    }

    @Override
    public void setPushHandler(PushCallback handler) {
        delegate.setPushHandler(handler);
    }

    /** The request channel, watched for {@code write_timeout} (the same wrapper on every call). */
    @Override
    public StreamSinkChannel getRequestChannel() {
        WriteWatch channel = requestChannel;
        if (channel == null) {
            channel = new WriteWatch(delegate.getRequestChannel(), watch);
            requestChannel = channel;
        }
        return channel;
    }

    @Override
    public StreamSourceChannel getResponseChannel() {
        StreamSourceChannel empty = emptyBody;
        return empty != null ? empty : delegate.getResponseChannel();
    }

    @Override
    public ClientRequest getRequest() {
        return delegate.getRequest();
    }

    @Override
    public ClientResponse getResponse() {
        ClientResponse restated = response;
        return restated != null ? restated : delegate.getResponse();
    }

    @Override
    public ClientResponse getContinueResponse() {
        return delegate.getContinueResponse();
    }

    @Override
    public ClientConnection getConnection() {
        return delegate.getConnection();
    }

    @Override
    public <T> T getAttachment(AttachmentKey<T> key) {
        return delegate.getAttachment(key);
    }

    @Override
    public <T> List<T> getAttachmentList(AttachmentKey<? extends List<T>> key) {
        return delegate.getAttachmentList(key);
    }

    @Override
    public <T> T putAttachment(AttachmentKey<T> key, T value) {
        return delegate.putAttachment(key, value);
    }

    @Override
    public <T> T removeAttachment(AttachmentKey<T> key) {
        return delegate.removeAttachment(key);
    }

    @Override
    public <T> void addToAttachmentList(AttachmentKey<AttachmentList<T>> key, T value) {
        delegate.addToAttachmentList(key, value);
    }
}
