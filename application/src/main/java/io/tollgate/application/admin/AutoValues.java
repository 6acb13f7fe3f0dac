package io.tollgate.application.admin;

import io.tollgate.domain.schema.EntitySchema;
import java.security.SecureRandom;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Server-generated field values other than ids and timestamps, e.g. a key-auth credential's {@code key}. */
final class AutoValues {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private AutoValues() {}

    /** Fills absent auto string fields other than {@code id} with 32 random alphanumerics, as Kong does for keys. */
    static void fill(EntitySchema schema, Map<String, @Nullable Object> fields) {
        schema.fields().stream()
                .filter(f -> f.isAuto()
                        && f.kind() == io.tollgate.domain.schema.Kind.STRING
                        && !f.name().equals("id"))
                .filter(f -> fields.get(f.name()) == null)
                .forEach(f -> fields.put(f.name(), randomKey()));
    }

    static String randomKey() {
        char[] key = new char[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(key);
    }
}
