package io.tollgate.domain.certificate;

import static io.tollgate.domain.schema.Fields.foreign;
import static io.tollgate.domain.schema.Fields.id;
import static io.tollgate.domain.schema.Fields.string;
import static io.tollgate.domain.schema.Fields.tags;
import static io.tollgate.domain.schema.Fields.timestamp;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rules;
import java.util.List;
import java.util.Map;

/**
 * Kong's {@code snis} schema (kong-internals §6.8): a server name ({@code name}, unique, wildcard host, no IP, no
 * port) that selects its {@code certificate} during the TLS handshake. Endpoint key {@code name}; cache key =
 * primary key, and the proxy's lookup key is {@code snis:<name>} (see {@code CacheKeys}). Deleting a certificate
 * deletes its SNIs.
 */
public final class Snis {

    /** The schema; endpoint key {@code name}. */
    public static final EntitySchema SCHEMA = new EntitySchema(
            EntityKind.SNIS,
            "name",
            RecordSchema.of(
                    id(),
                    timestamp("created_at"),
                    timestamp("updated_at"),
                    string("name").required().unique().rule(Rules.wildcardSni()),
                    tags(),
                    foreign("certificate", EntityKind.CERTIFICATES).required().cascade()),
            List.of(),
            Map.of());

    private Snis() {}
}
