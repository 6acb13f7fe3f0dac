package io.tollgate.application.plugin.bundled;

import io.tollgate.domain.credential.BasicAuthCredentials;
import io.tollgate.domain.credential.PasswordHasher;
import io.tollgate.domain.entity.Entity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Verifies a presented basic-auth password against a credential's stored hash ({@link PasswordHasher#matches}:
 * Tollgate's PBKDF2, or Kong's {@code sha1(password .. consumer_id)} for imported credentials). PBKDF2 is slow on
 * purpose, so verification runs on {@code executor} (never on the caller's I/O thread) and successes are remembered:
 * the next request with the same credential, stored hash and password is answered at once. The memory key is a
 * SHA-256 over a per-process random salt, the credential id, the stored hash and the password, so it reveals no
 * password, and a changed password (a new stored hash) never matches an old entry. Failures are never remembered.
 * At most {@value #CAPACITY} successes are kept; beyond that the memory starts afresh. Thread-safe.
 */
final class PasswordCheck {

    static final int CAPACITY = 10_000;

    private final PasswordHasher hasher = new PasswordHasher();
    private final Executor executor;
    private final byte[] salt = new byte[32];
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    PasswordCheck(Executor executor) {
        this.executor = executor;
        new SecureRandom().nextBytes(salt);
    }

    /**
     * Whether {@code password} is the one {@code credential}'s stored hash was made from. Complete at once when this
     * success is remembered; otherwise completes on the executor.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the executor refuses the check (its queue is full)
     */
    CompletionStage<Boolean> matches(Entity credential, String password) {
        String stored = credential.stringOrNull(BasicAuthCredentials.PASSWORD);
        if (stored == null) {
            return CompletableFuture.completedFuture(false);
        }
        String key = memoryKey(credential, stored, password);
        if (verified.contains(key)) {
            return CompletableFuture.completedFuture(true);
        }
        return CompletableFuture.supplyAsync(
                () -> {
                    boolean ok = hasher.matches(
                            stored, password, credential.foreignId("consumer").orElseThrow());
                    if (ok) {
                        if (verified.size() >= CAPACITY) {
                            verified.clear();
                        }
                        verified.add(key);
                    }
                    return ok;
                },
                executor);
    }

    /** How many successes are remembered (for tests). */
    int remembered() {
        return verified.size();
    }

    private String memoryKey(Entity credential, String stored, String password) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        sha256.update(salt);
        for (String part :
                new String[] {credential.id().toString(), String.valueOf(credential.get("consumer")), stored, password
                }) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha256.update((byte) (bytes.length >>> 24));
            sha256.update((byte) (bytes.length >>> 16));
            sha256.update((byte) (bytes.length >>> 8));
            sha256.update((byte) bytes.length);
            sha256.update(bytes);
        }
        return Base64.getEncoder().encodeToString(sha256.digest());
    }
}
