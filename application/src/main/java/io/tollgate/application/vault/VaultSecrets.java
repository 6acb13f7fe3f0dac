package io.tollgate.application.vault;

import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.port.out.SecretVault;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.VaultReference;
import io.tollgate.domain.vault.Vaults;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Resolves Kong vault references ({@code {vault://env/my-secret}}) to their secrets, as Kong's
 * {@code kong.vault.get} does: the reference's host names an installed vault ({@link SecretVault#name()}, used with
 * an empty config) or a {@code vaults} entity by its {@code prefix} (whose {@code name} is the vault and whose
 * {@code config} applies); the reference's query arguments override that config; the vault's raw value is
 * base64-decoded when {@code config.base64_decode} is true, and a {@code /key} reads that member of the value parsed
 * as a JSON object.
 *
 * <p>Each {@link Resolution} says when to resolve again (Kong's {@code config.ttl} for a secret, {@code neg_ttl} for a
 * failure, in seconds; never without them): the structures built from resolved values record the earliest such time
 * and rebuild then (rotation). Called while building those structures (a vault entity lookup by prefix may read the
 * database), never per request. Never logs or stores a resolved value. Thread-safe.
 *
 * <p>Kong's {@code resurrect_ttl} (seconds, default 1e8 as Kong's): when a secret read before cannot be read again
 * (the vault has no value, or the value does not decode), the previous value stays in use until {@code ttl +
 * resurrect_ttl} seconds after it was read (for good with no {@code ttl}, as Kong never expires such a secret), with
 * a warning; the read is retried after {@code neg_ttl}, and at that deadline at the latest. The previous values are
 * held in memory only, by reference and vault config.
 */
public final class VaultSecrets {

    /** A resolver that knows no vault: every reference is {@link Resolution.Unresolved} (for tests and tools). */
    public static VaultSecrets none(EntityStore store) {
        return new VaultSecrets(store, List.of(), text -> null, System::nanoTime);
    }

    private final EntityStore store;
    private final Map<String, SecretVault> vaults = new HashMap<>();
    private final Function<String, @Nullable Object> parseJson;
    private final LongSupplier nanoClock;
    /** The last value each reference resolved to, by {@link #lastKey}, and when ({@link System#nanoTime()} terms). */
    private final Map<String, Last> last = new ConcurrentHashMap<>();

    private record Last(String value, long readAtNanos) {}

    /** Kong's default {@code resurrect_ttl}, in seconds. */
    static final double DEFAULT_RESURRECT_TTL = 1e8;

    private static final System.Logger LOG = System.getLogger(VaultSecrets.class.getName());

    /**
     * @param store reads {@code vaults} entities by {@code prefix}
     * @param vaults the installed vaults, by {@link SecretVault#name()}
     * @param parseJson parses a JSON text into maps, lists and scalars; throws {@link IllegalArgumentException} or
     *     returns {@code null} for a text that is not JSON
     * @param nanoClock {@link System#nanoTime()} or a test clock
     */
    public VaultSecrets(
            EntityStore store,
            List<SecretVault> vaults,
            Function<String, @Nullable Object> parseJson,
            LongSupplier nanoClock) {
        this.store = Objects.requireNonNull(store, "store");
        vaults.forEach(vault -> this.vaults.put(vault.name(), vault));
        this.parseJson = Objects.requireNonNull(parseJson, "parseJson");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** {@link #resolve} of {@code value} when it is a reference; otherwise the value itself, never refreshed. */
    public Resolution resolveIfReference(String value) {
        return VaultReference.isReference(value) ? resolve(value) : new Resolution.Resolved(value, Long.MAX_VALUE);
    }

    /**
     * Resolves {@code reference}.
     *
     * @return the secret with its refresh time, or why it did not resolve (a text naming the reference, never a
     *     secret) with its retry time; both times in {@link System#nanoTime()} terms, {@link Long#MAX_VALUE} for never.
     *     The reasons are Kong's: the parser's ({@code reference url is missing path [<ref>]}, …), {@code vault not
     *     found (<name>) [<ref>]}, {@code vault not installed (<vault>) [<ref>]}, {@code unable to load value
     *     (<resource>) from vault (<name>): not found [<ref>]}, {@code vault (<name>) did not return value for
     *     resource '<resource>' with a key of '<key>' [<ref>]}; and {@code unable to decode value (<resource>) from
     *     vault (<name>): invalid base64 [<ref>]} for a {@code base64_decode} that fails
     */
    public Resolution resolve(String reference) {
        VaultReference parsed;
        switch (VaultReference.parse(reference)) {
            case VaultReference.Parsed.Invalid invalid -> {
                return new Resolution.Unresolved(invalid.message(), Long.MAX_VALUE);
            }
            case VaultReference.Parsed.Valid valid -> parsed = valid.reference();
        }
        Map<String, @Nullable Object> config = new HashMap<>();
        SecretVault vault = vaults.get(parsed.name());
        if (vault == null) {
            Optional<Entity> entity = store.findBy(Vaults.SCHEMA, "prefix", parsed.name());
            if (entity.isEmpty()) {
                return new Resolution.Unresolved(
                        "vault not found (" + parsed.name() + ") [" + reference + "]", never());
            }
            vault = vaults.get(entity.get().string("name"));
            if (vault == null) {
                return new Resolution.Unresolved(
                        "vault not installed (" + entity.get().string("name") + ") [" + reference + "]", never());
            }
            if (entity.get().get("config") instanceof Map<?, ?> stored) {
                stored.forEach((k, v) -> config.put(String.valueOf(k), v));
            }
        }
        parsed.config().forEach((name, value) -> config.put(name, queryValue(name, value)));
        long now = nanoClock.getAsLong();
        String lastKey = reference + '\u0000' + new TreeMap<>(config);
        String from = "(" + parsed.resource() + ") from vault (" + parsed.name() + ")";
        Optional<String> raw = vault.secret(parsed.resource(), config, parsed.version());
        if (raw.isEmpty()) {
            return failed(lastKey, config, now, "unable to load value " + from + ": not found [" + reference + "]");
        }
        Optional<String> decoded = decode(raw.get(), config);
        if (decoded.isEmpty()) {
            return failed(
                    lastKey, config, now, "unable to decode value " + from + ": invalid base64 [" + reference + "]");
        }
        Optional<String> value = member(decoded.get(), parsed.key());
        if (value.isEmpty()) {
            return failed(
                    lastKey,
                    config,
                    now,
                    "vault (" + parsed.name() + ") did not return value for resource '" + parsed.resource()
                            + "' with a key of '" + parsed.key() + "' [" + reference + "]");
        }
        last.put(lastKey, new Last(value.get(), now));
        return new Resolution.Resolved(value.get(), after(now, config.get("ttl")));
    }

    /** A read that failed: the previous value while Kong's {@code resurrect_ttl} allows, else unresolved. */
    private Resolution failed(String lastKey, Map<String, @Nullable Object> config, long now, String reason) {
        long retry = after(now, config.get("neg_ttl"));
        Last previous = last.get(lastKey);
        if (previous != null) {
            long until = resurrectedUntil(previous, config);
            if (until == Long.MAX_VALUE || now - until < 0) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "{0}; the value read before stays in use (resurrect_ttl) until the vault answers again",
                        reason);
                long refresh =
                        until == Long.MAX_VALUE || (retry != Long.MAX_VALUE && retry - until < 0) ? retry : until;
                return new Resolution.Resolved(previous.value(), refresh);
            }
            last.remove(lastKey, previous);
        }
        return new Resolution.Unresolved(reason, retry);
    }

    /** Until when a value read at {@code previous.readAtNanos} may be used: {@code ttl + resurrect_ttl} later. */
    private static long resurrectedUntil(Last previous, Map<String, @Nullable Object> config) {
        if (!(config.get("ttl") instanceof Number ttl && ttl.doubleValue() > 0)) {
            return Long.MAX_VALUE;
        }
        double resurrect = config.get("resurrect_ttl") instanceof Number n && n.doubleValue() >= 0
                ? n.doubleValue()
                : DEFAULT_RESURRECT_TTL;
        double seconds = Math.min(ttl.doubleValue() + resurrect, Long.MAX_VALUE / 2e9);
        return previous.readAtNanos() + (long) (seconds * 1_000_000_000L);
    }

    private static long never() {
        return Long.MAX_VALUE;
    }

    private static @Nullable Object queryValue(String name, String value) {
        return switch (name) {
            case "base64_decode" -> Boolean.parseBoolean(value);
            case "ttl", "neg_ttl", "resurrect_ttl" -> {
                try {
                    yield Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            default -> value;
        };
    }

    private static long after(long now, @Nullable Object seconds) {
        if (seconds instanceof Number n && n.doubleValue() > 0) {
            return now + (long) (n.doubleValue() * 1_000_000_000L);
        }
        return Long.MAX_VALUE;
    }

    private static Optional<String> decode(String raw, Map<String, @Nullable Object> config) {
        if (!Boolean.TRUE.equals(config.get("base64_decode"))) {
            return Optional.of(raw);
        }
        try {
            return Optional.of(new String(Base64.getMimeDecoder().decode(raw), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Optional<String> member(String value, @Nullable String key) {
        if (key == null) {
            return Optional.of(value);
        }
        Object json;
        try {
            json = parseJson.apply(value);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (json instanceof Map<?, ?> object
                && object.get(key) instanceof Object member
                && !(member instanceof Map<?, ?>)
                && !(member instanceof List<?>)) {
            return Optional.of(String.valueOf(member));
        }
        return Optional.empty();
    }
}
