package io.tollgate.domain.certificate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The PEM fixtures under {@code src/test/resources/pem} (see the README there). */
final class PemFixtures {

    private PemFixtures() {}

    static String pem(String name) {
        try (InputStream in = PemFixtures.class.getResourceAsStream("/pem/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
