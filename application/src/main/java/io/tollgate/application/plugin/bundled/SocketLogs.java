package io.tollgate.application.plugin.bundled;

import static io.tollgate.domain.schema.Fields.bool;
import static io.tollgate.domain.schema.Fields.integer;
import static io.tollgate.domain.schema.Fields.number;
import static io.tollgate.domain.schema.Fields.string;

import io.tollgate.application.plugin.spi.JsonCodec;
import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rules;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Kong's {@code tcp-log} (priority 7) and {@code udp-log} (priority 8): in {@code log}, Kong's serializer object as
 * JSON to {@code host}:{@code port}: over TCP followed by a newline (a connection per entry, with TLS when
 * {@code tls}, SNI {@code tls_sni}, and, as Kong, without verifying the collector's certificate unless
 * {@code ssl_verify}, Kong 3.13's option: the JVM's trusted authorities and a name check), over UDP as one
 * datagram. {@code timeout} (ms) bounds connecting and sending. A collector that cannot be reached is logged and the
 * entry dropped, as in Kong; responses are never delayed (the log phase runs off the I/O threads).
 */
final class SocketLogs {

    private static final System.Logger LOG = System.getLogger(SocketLogs.class.getName());

    private SocketLogs() {}

    /** {@code tcp-log}. */
    public static final class TcpLog implements TollgatePlugin {

        static final PluginDefinition DEFINITION = new PluginDefinition(
                "tcp-log",
                7,
                PluginCatalog.VERSION,
                RecordSchema.of(
                        string("host").required().rule(Rules.host()),
                        integer("port").required().rule(Rules.between(0, 65535)),
                        number("timeout").required().defaultValue(10000.0),
                        number("keepalive").required().defaultValue(60000.0),
                        bool("tls").required().defaultValue(false),
                        string("tls_sni"),
                        bool("ssl_verify").required().defaultValue(false),
                        LogPluginSchemas.customFieldsByLua()),
                false);

        @Override
        public PluginDefinition definition() {
            return DEFINITION;
        }

        @Override
        public PluginHandler handler(PluginEnvironment environment) {
            JsonCodec json = environment.json();
            return new PluginHandler() {
                @Override
                public void log(PluginContext context, PluginConfig config) {
                    byte[] entry = json.write(CustomFields.logEntry(context, config));
                    sendTcp(config, entry);
                }
            };
        }
    }

    /** {@code udp-log}. */
    public static final class UdpLog implements TollgatePlugin {

        static final PluginDefinition DEFINITION = new PluginDefinition(
                "udp-log",
                8,
                PluginCatalog.VERSION,
                RecordSchema.of(
                        string("host").required().rule(Rules.host()),
                        integer("port").required().rule(Rules.between(0, 65535)),
                        number("timeout").required().defaultValue(10000.0),
                        LogPluginSchemas.customFieldsByLua()),
                false);

        @Override
        public PluginDefinition definition() {
            return DEFINITION;
        }

        @Override
        public PluginHandler handler(PluginEnvironment environment) {
            JsonCodec json = environment.json();
            return new PluginHandler() {
                @Override
                public void log(PluginContext context, PluginConfig config) {
                    byte[] entry = json.write(CustomFields.logEntry(context, config));
                    String host = config.string("host", "");
                    int port = config.integer("port", 0);
                    try (DatagramSocket socket = new DatagramSocket()) {
                        socket.setSoTimeout(timeoutMs(config));
                        socket.send(new DatagramPacket(entry, entry.length, new InetSocketAddress(host, port)));
                    } catch (IOException | RuntimeException e) {
                        LOG.log(Level.ERROR, "[udp-log] could not send data to " + host + ":" + port + ": " + e);
                    }
                }
            };
        }
    }

    private static void sendTcp(PluginConfig config, byte[] entry) {
        String host = config.string("host", "");
        int port = config.integer("port", 0);
        int timeout = timeoutMs(config);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeout);
            socket.setSoTimeout(timeout);
            Socket target = config.bool("tls", false)
                    ? tls(socket, host, port, config.string("tls_sni"), config.bool("ssl_verify", false))
                    : socket;
            OutputStream out = target.getOutputStream();
            out.write(entry);
            out.write('\n');
            out.flush();
            target.close();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.log(Level.ERROR, "[tcp-log] could not send data to " + host + ":" + port + ": " + e);
        }
    }

    /**
     * The TLS session over {@code plain}; with {@code verify} (Kong 3.13's {@code ssl_verify}) the collector's
     * certificate must chain to the JVM's trusted authorities and name {@code sni} (else {@code host}), otherwise it is
     * not checked (Kong's default).
     */
    private static Socket tls(Socket plain, String host, int port, String sni, boolean verify)
            throws IOException, GeneralSecurityException {
        SSLContext context;
        if (verify) {
            context = SSLContext.getDefault();
        } else {
            context = UnverifiedTls.context();
        }
        boolean named = sni != null && !sni.isEmpty();
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        if (named) {
            parameters.setServerNames(List.of(new SNIHostName(sni)));
        }
        if (verify) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private static int timeoutMs(PluginConfig config) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, config.number("timeout", 10000)));
    }
}
