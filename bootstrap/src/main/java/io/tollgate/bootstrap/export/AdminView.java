package io.tollgate.bootstrap.export;

import io.tollgate.adapter.postgres.PastConfiguration;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.certificate.Certificates;
import io.tollgate.domain.entity.Entity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The entities of a configuration as the Admin API shows them: every field as stored, and a certificate's transient
 * {@code snis} as the names of the SNIs that reference it, sorted ({@code []} when none), as Kong's
 * {@code GET /certificates} lists them (kong-internals §6.7).
 */
public final class AdminView {

    private AdminView() {}

    /** Every kind in the catalogue's order, each with its entities' fields in the schema's order, secrets included. */
    public static Map<EntityKind, List<Map<String, @Nullable Object>>> of(PastConfiguration configuration) {
        return of(configuration, false);
    }

    /**
     * As {@link #of(PastConfiguration)}, with every secret redacted when {@code redact} ({@link Schemas#redacted}, as
     * the history endpoints show entities).
     */
    public static Map<EntityKind, List<Map<String, @Nullable Object>>> of(
            PastConfiguration configuration, boolean redact) {
        Map<UUID, List<String>> sniNames = new HashMap<>();
        for (Entity sni : configuration.entities().get(EntityKind.SNIS)) {
            sni.foreignId("certificate")
                    .ifPresent(certificate -> sniNames.computeIfAbsent(certificate, c -> new ArrayList<>())
                            .add(sni.string("name")));
        }
        Map<EntityKind, List<Map<String, @Nullable Object>>> view = new LinkedHashMap<>();
        configuration.entities().forEach((kind, entities) -> {
            List<Map<String, @Nullable Object>> shown = new ArrayList<>(entities.size());
            for (Entity entity : entities) {
                Map<String, @Nullable Object> fields =
                        new LinkedHashMap<>(redact ? Schemas.redacted(entity) : entity.fields());
                if (kind == EntityKind.CERTIFICATES) {
                    fields.put(
                            Certificates.SNIS,
                            sniNames.getOrDefault(entity.id(), List.of()).stream()
                                    .sorted()
                                    .toList());
                }
                shown.add(fields);
            }
            view.put(kind, shown);
        });
        return view;
    }
}
