package io.tollgate.domain.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The test-only PEM fixtures beside this class ({@code src/test/resources/io/tollgate/domain/testing/pem}, see the
 * README there): certificates and keys for the certificate schemas, the TLS listeners and the Admin API tests. Every
 * module's tests read them from the domain's test-jar, so there is one copy.
 */
public final class PemFixtures {

    private PemFixtures() {}

    /**
     * @param name a file name of the fixture folder, e.g. {@code rsa.crt}, {@code rsa.key}, {@code ca.crt}
     * @return the file's text (US-ASCII)
     * @throws IllegalArgumentException when there is no such fixture
     */
    public static String pem(String name) {
        try (InputStream in = PemFixtures.class.getResourceAsStream("pem/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no PEM fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
