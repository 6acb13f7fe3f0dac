package io.tollgate.adapter.cache.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.tollgate.application.plugin.spi.CounterKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The atomic check-and-increment of rate-limiting's {@code redis} policy, one Lua script run by the server: reads
 * every window's counter; when each is below its limit, increments each and sets it to expire at its window's end;
 * answers the values before. Sent by digest ({@code EVALSHA}); loaded with {@code EVAL} when the server does not
 * know it yet (first use, or after a restart).
 */
final class AcquireScript {

    /** KEYS: the counters; ARGV: their limits, then the milliseconds left in each window. */
    static final String SOURCE = """
            local n = #KEYS
            local before = {}
            local over = false
            for i = 1, n do
              local value = tonumber(redis.call('GET', KEYS[i]) or '0')
              before[i] = value
              if value >= tonumber(ARGV[i]) then over = true end
            end
            if not over then
              for i = 1, n do
                redis.call('INCR', KEYS[i])
                redis.call('PEXPIRE', KEYS[i], ARGV[n + i])
              end
            end
            return before
            """;

    /** The script's SHA-1, as {@code EVALSHA} names it. */
    static final String DIGEST = sha1(SOURCE);

    private AcquireScript() {}

    private static String sha1(String source) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    /**
     * Runs the script.
     *
     * @param now epoch milliseconds, for the windows' expiry
     * @return the counters' values before this request
     */
    static CompletableFuture<long[]> run(
            RedisAsyncCommands<String, String> commands, CounterKey[] keys, double[] limits, long now) {
        String[] names = new String[keys.length];
        String[] args = new String[keys.length * 2];
        for (int i = 0; i < keys.length; i++) {
            names[i] = keys[i].kongKey();
            args[i] = Double.toString(limits[i]);
            args[keys.length + i] = Long.toString(Math.max(1, keys[i].windowEnd() - now));
        }
        CompletableFuture<List<Object>> sent = commands.<List<Object>>evalsha(
                        DIGEST, ScriptOutputType.MULTI, names, args)
                .toCompletableFuture();
        return sent.exceptionallyCompose(error -> unwrap(error) instanceof RedisNoScriptException
                        ? commands.<List<Object>>eval(SOURCE, ScriptOutputType.MULTI, names, args)
                                .toCompletableFuture()
                        : CompletableFuture.failedFuture(error))
                .thenApply(AcquireScript::values);
    }

    private static long[] values(List<Object> answer) {
        long[] values = new long[answer.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ((Number) answer.get(i)).longValue();
        }
        return values;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
