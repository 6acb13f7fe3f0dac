package io.tollgate.domain.key;

import io.tollgate.domain.certificate.Pem;
import io.tollgate.domain.credential.PublicKeys;
import io.tollgate.domain.schema.VaultReference;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks a {@code keys} entity's {@code pem} record, as Kong's {@code pem} typedef does: at least one of
 * {@code private_key} and {@code public_key}, each a PEM key the JDK can load (a private key as PKCS#8, PKCS#1 RSA or
 * SEC1 EC; a public key as X.509 SubjectPublicKeyInfo or PKCS#1 RSA). As Kong's, a pair where either key is a
 * {@code {vault://…}} reference is not loaded (the reference cannot be checked).
 */
final class PemKeys {

    static final String MISSING = "need to supply a PEM formatted public and/or private key.";

    private PemKeys() {}

    /** Kong's message for what is wrong with {@code pem}, or {@code null} when it is fine. */
    static @Nullable String problem(Map<?, ?> pem) {
        Object privateKey = pem.get("private_key");
        Object publicKey = pem.get("public_key");
        if (privateKey == null && publicKey == null) {
            return MISSING;
        }
        if (VaultReference.isReference(privateKey) || VaultReference.isReference(publicKey)) {
            return null;
        }
        if (privateKey instanceof String text && Pem.privateKey(text, null).isEmpty()) {
            return "could not load private key";
        }
        if (publicKey instanceof String text && PublicKeys.parse(text).isEmpty()) {
            return "could not load public key";
        }
        return null;
    }
}
