package io.tollgate.application.plugin.spi;

import org.jspecify.annotations.Nullable;

/**
 * JSON for plugins that read or rewrite JSON documents (a JWT's claims, a JSON request or response body), offered by
 * the node through {@link PluginEnvironment#json()} (the node backs it with a well-kept JSON library). Thread-safe.
 *
 * <p>The value model is plain Java: objects are {@code Map<String, Object>} keeping member order, arrays
 * {@code List<Object>}, strings {@link String}, integers {@link Long} (or {@link java.math.BigInteger} past 64 bits),
 * other numbers {@link Double}, {@code true}/{@code false} {@link Boolean} and {@code null} {@code null}. Values
 * read are mutable; values written may be any of these (and any {@link Number}).
 */
public interface JsonCodec {

    /**
     * Parses one JSON document (UTF-8).
     *
     * @return the document's value in the model above ({@code null} for the JSON literal {@code null})
     * @throws IllegalArgumentException when {@code json} is not exactly one well-formed JSON document
     */
    @Nullable
    Object read(byte[] json);

    /**
     * Writes a value of the model above as compact JSON (UTF-8).
     *
     * @throws IllegalArgumentException when {@code value} holds a type outside the model
     */
    byte[] write(@Nullable Object value);
}
