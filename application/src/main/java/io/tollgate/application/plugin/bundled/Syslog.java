package io.tollgate.application.plugin.bundled;

import static io.tollgate.domain.schema.Fields.string;

import io.tollgate.application.plugin.spi.JsonCodec;
import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.SyslogSink;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kong's {@code syslog} plugin (priority 4): in {@code log}, Kong's serializer object as JSON to the node's local
 * syslog ({@link PluginEnvironment#syslog()}), as {@code kong[pid]} with the {@code syslog_facility} (USER) and the
 * severity of the response's class: {@code server_errors_severity} for 5xx, {@code client_errors_severity} for 4xx,
 * {@code successful_severity} otherwise (each {@code info}), sent only when that severity is at least as urgent as
 * {@code log_level} ({@code info}), as Kong's {@code LOG_LEVELS[severity] <= LOG_LEVELS[log_level]}. The datagram is
 * RFC 3164's {@code <PRI>Mmm dd hh:mm:ss kong[pid]: {json}} (what {@code syslog(3)} writes to {@code /dev/log}), PRI
 * = facility × 8 + severity. A socket that cannot be reached drops the entry (Kong's {@code lsyslog} too), logged
 * at most once a minute; responses are never delayed (the log phase runs off the I/O threads).
 */
public final class Syslog implements TollgatePlugin {

    /** Kong's severities, most urgent first: the index is syslog's number. */
    static final List<String> SEVERITIES =
            List.of("emerg", "alert", "crit", "err", "warning", "notice", "info", "debug");

    /** Kong's facilities with syslog's numbers. */
    static final Map<String, Integer> FACILITIES = Map.ofEntries(
            Map.entry("KERN", 0),
            Map.entry("USER", 1),
            Map.entry("MAIL", 2),
            Map.entry("DAEMON", 3),
            Map.entry("AUTH", 4),
            Map.entry("SYSLOG", 5),
            Map.entry("LPR", 6),
            Map.entry("NEWS", 7),
            Map.entry("UUCP", 8),
            Map.entry("CRON", 9),
            Map.entry("AUTHPRIV", 10),
            Map.entry("FTP", 11),
            Map.entry("LOCAL0", 16),
            Map.entry("LOCAL1", 17),
            Map.entry("LOCAL2", 18),
            Map.entry("LOCAL3", 19),
            Map.entry("LOCAL4", 20),
            Map.entry("LOCAL5", 21),
            Map.entry("LOCAL6", 22),
            Map.entry("LOCAL7", 23));

    private static final System.Logger LOG = System.getLogger(Syslog.class.getName());
    private static final long WARNING_INTERVAL_NANOS = 60_000_000_000L;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);
    private static final String SENDER = "kong[" + ProcessHandle.current().pid() + "]: ";

    static final PluginDefinition DEFINITION = new PluginDefinition(
            "syslog",
            4,
            PluginCatalog.VERSION,
            RecordSchema.of(
                    severity("log_level"),
                    severity("successful_severity"),
                    severity("client_errors_severity"),
                    severity("server_errors_severity"),
                    LogPluginSchemas.customFieldsByLua(),
                    string("syslog_facility")
                            .defaultValue("USER")
                            .rule(Rules.oneOf(
                                    "AUTH",
                                    "AUTHPRIV",
                                    "CRON",
                                    "DAEMON",
                                    "FTP",
                                    "KERN",
                                    "LPR",
                                    "MAIL",
                                    "NEWS",
                                    "SYSLOG",
                                    "USER",
                                    "UUCP",
                                    "LOCAL0",
                                    "LOCAL1",
                                    "LOCAL2",
                                    "LOCAL3",
                                    "LOCAL4",
                                    "LOCAL5",
                                    "LOCAL6",
                                    "LOCAL7"))),
            false);

    private final Clock clock;

    public Syslog() {
        this(Clock.systemDefaultZone());
    }

    /** @param clock the local time the datagrams' timestamps show (syslog's are local time) */
    Syslog(Clock clock) {
        this.clock = clock;
    }

    private static FieldSpec severity(String name) {
        return string(name).defaultValue("info").rule(Rules.oneOf(SEVERITIES.toArray(String[]::new)));
    }

    @Override
    public PluginDefinition definition() {
        return DEFINITION;
    }

    @Override
    public PluginHandler handler(PluginEnvironment environment) {
        JsonCodec json = environment.json();
        SyslogSink sink = environment.syslog();
        AtomicLong lastWarning = new AtomicLong();
        return new PluginHandler() {
            @Override
            public void log(PluginContext context, PluginConfig config) {
                // as Kong's, custom fields are set before the severity check, so later log plugins see them anyway
                Map<String, Object> entry = CustomFields.logEntry(context, config);
                int status = context.responseStatus();
                String severity = config.string(
                        status >= 500
                                ? "server_errors_severity"
                                : status >= 400 ? "client_errors_severity" : "successful_severity",
                        "info");
                int level = SEVERITIES.indexOf(severity);
                if (level < 0 || level > SEVERITIES.indexOf(config.string("log_level", "info"))) {
                    return;
                }
                int facility = FACILITIES.getOrDefault(config.string("syslog_facility", "USER"), 1);
                byte[] datagram = datagram(facility * 8 + level, json.write(entry));
                try {
                    sink.send(datagram);
                } catch (IOException | RuntimeException e) {
                    long now = System.nanoTime();
                    long last = lastWarning.get();
                    if ((last == 0 || now - last >= WARNING_INTERVAL_NANOS) && lastWarning.compareAndSet(last, now)) {
                        LOG.log(Level.ERROR, "[syslog] could not send to the local syslog (entries dropped): " + e);
                    }
                }
            }
        };
    }

    /** RFC 3164: {@code <PRI>Mmm dd hh:mm:ss kong[pid]: message}. */
    byte[] datagram(int priority, byte[] message) {
        String head = "<" + priority + ">" + TIMESTAMP.format(LocalDateTime.now(clock)) + " " + SENDER;
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + message.length);
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(message);
        return out.toByteArray();
    }
}
