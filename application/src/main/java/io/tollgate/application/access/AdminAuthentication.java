package io.tollgate.application.access;

import io.tollgate.application.port.in.AdminCredential;
import io.tollgate.application.port.in.AuthenticateAdmin;
import io.tollgate.application.port.out.AdminAccounts;
import io.tollgate.domain.credential.AdminAccount;
import io.tollgate.domain.credential.AdminTokens;
import io.tollgate.domain.credential.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * {@link AuthenticateAdmin} over the {@link AdminAccounts} store. A password is checked with {@link PasswordHasher}
 * (constant time for a given hash; an unknown name or a token account is checked against a throw-away hash, so the
 * answer takes as long and does not tell which names exist); a token is looked up by its SHA-256
 * ({@link AdminTokens#hash}), so the comparison happens on a hash of the secret.
 *
 * <p>Successes are remembered for {@code memory} (by default {@link #DEFAULT_MEMORY}, 5 s): the same credential is
 * then answered without the store or the hasher, so an account removed (or a password replaced) keeps working on a
 * node for at most that long. Failures are never remembered. The memory is keyed by a SHA-256 over a per-process
 * random salt and the credential, so it holds no secret; it keeps at most {@value #CAPACITY} entries, then starts
 * afresh. Thread-safe; blocks on the store and on PBKDF2 (call it off I/O threads).
 */
public final class AdminAuthentication implements AuthenticateAdmin {

    /** How long a verified credential is remembered by default. */
    public static final Duration DEFAULT_MEMORY = Duration.ofSeconds(5);

    static final int CAPACITY = 10_000;
    private static final UUID NO_CONSUMER = new UUID(0, 0);

    private final AdminAccounts accounts;
    private final PasswordHasher hasher;
    private final long memoryNanos;
    private final LongSupplier nanoClock;
    private final byte[] salt = new byte[32];
    private final Map<String, Remembered> verified = new ConcurrentHashMap<>();
    private volatile String decoyHash = "";

    private record Remembered(String name, long expiresAtNanos) {}

    /** Remembers successes for {@link #DEFAULT_MEMORY} on {@link System#nanoTime()}. */
    public AdminAuthentication(AdminAccounts accounts, PasswordHasher hasher) {
        this(accounts, hasher, DEFAULT_MEMORY, System::nanoTime);
    }

    /**
     * @param memory how long a success is remembered, >= 0 ({@code ZERO}: never)
     * @param nanoClock a monotonic clock in nanoseconds (tests drive their own)
     * @throws IllegalArgumentException when {@code memory} is negative
     */
    public AdminAuthentication(AdminAccounts accounts, PasswordHasher hasher, Duration memory, LongSupplier nanoClock) {
        if (memory.isNegative()) {
            throw new IllegalArgumentException("memory must not be negative, got " + memory);
        }
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.memoryNanos = memory.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        new SecureRandom().nextBytes(salt);
    }

    @Override
    public Optional<String> authenticate(AdminCredential credential) {
        String key = memoryKey(credential);
        long now = nanoClock.getAsLong();
        Remembered remembered = verified.get(key);
        if (remembered != null) {
            if (now - remembered.expiresAtNanos() < 0) {
                return Optional.of(remembered.name());
            }
            verified.remove(key, remembered);
        }
        Optional<String> name = switch (credential) {
            case AdminCredential.Password p -> checkPassword(p);
            case AdminCredential.Token t ->
                accounts.withTokenHash(AdminTokens.hash(t.token()))
                        .filter(a -> a.kind() == AdminAccount.Kind.TOKEN)
                        .map(AdminAccount::name);
        };
        if (name.isPresent() && memoryNanos > 0) {
            if (verified.size() >= CAPACITY) {
                verified.clear();
            }
            verified.put(key, new Remembered(name.get(), now + memoryNanos));
        }
        return name;
    }

    private Optional<String> checkPassword(AdminCredential.Password presented) {
        Optional<AdminAccount> account = AdminAccount.validName(presented.name())
                ? accounts.named(presented.name()).filter(a -> a.kind() == AdminAccount.Kind.PASSWORD)
                : Optional.empty();
        if (account.isEmpty()) {
            hasher.matches(decoy(), presented.password(), NO_CONSUMER); // as slow as a real check
            return Optional.empty();
        }
        return hasher.matches(account.get().secretHash(), presented.password(), NO_CONSUMER)
                ? Optional.of(account.get().name())
                : Optional.empty();
    }

    /** A hash of a random password, made on first need, that nothing presented matches. */
    private String decoy() {
        String hash = decoyHash;
        if (hash.isEmpty()) {
            hash = hasher.hash(UUID.randomUUID().toString());
            decoyHash = hash;
        }
        return hash;
    }

    private String memoryKey(AdminCredential credential) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        sha256.update(salt);
        String[] parts = switch (credential) {
            case AdminCredential.Password p -> new String[] {"password", p.name(), p.password()};
            case AdminCredential.Token t -> new String[] {"token", t.token()};
        };
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha256.update(new byte[] {
                (byte) (bytes.length >>> 24),
                (byte) (bytes.length >>> 16),
                (byte) (bytes.length >>> 8),
                (byte) bytes.length
            });
            sha256.update(bytes);
        }
        return Base64.getEncoder().encodeToString(sha256.digest());
    }
}
