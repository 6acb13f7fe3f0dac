package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.TollgatePlugin;
import java.util.List;

/** The plugins bundled with Tollgate: what the {@code plugins} property's {@code bundled} stands for. */
public final class BundledPlugins {

    private BundledPlugins() {}

    /** Every bundled plugin, each a new instance. */
    public static List<TollgatePlugin> all() {
        return List.of(
                new KeyAuth(),
                new RequestTermination(),
                new CorrelationId(),
                new RequestTransformer(),
                new ResponseTransformer(),
                new BasicAuth(),
                new Acl(),
                new HmacAuth(),
                new Jwt(),
                // access control and browser plugins
                new IpRestriction(),
                new RequestSizeLimiting(),
                new Cors(),
                new BotDetection(),
                new Redirect(),
                // log plugins
                new HttpLog(),
                new FileLog(),
                new SocketLogs.TcpLog(),
                new SocketLogs.UdpLog(),
                new Syslog(),
                // traffic control
                new RateLimiting(),
                new ResponseRateLimiting(),
                new ProxyCache(),
                // metrics
                new Prometheus());
    }
}
