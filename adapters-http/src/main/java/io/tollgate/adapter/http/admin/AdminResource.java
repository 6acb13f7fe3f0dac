package io.tollgate.adapter.http.admin;

import io.tollgate.domain.certificate.CaCertificates;
import io.tollgate.domain.certificate.Certificates;
import io.tollgate.domain.certificate.Snis;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.credential.Acls;
import io.tollgate.domain.credential.BasicAuthCredentials;
import io.tollgate.domain.credential.HmacAuthCredentials;
import io.tollgate.domain.credential.JwtSecrets;
import io.tollgate.domain.credential.KeyAuthCredentials;
import io.tollgate.domain.plugin.Plugins;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.service.Services;
import io.tollgate.domain.upstream.Targets;
import io.tollgate.domain.upstream.Upstreams;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How an entity schema appears in the Admin API: its collection path ({@code /key-auths}, Kong's
 * {@code admin_api_name}) and its path below a parent ({@code /consumers/{c}/key-auth}, Kong's
 * {@code admin_api_nested_name}). Nested endpoints follow from the schema's foreign fields.
 *
 * @param topLevel whether {@code /{path}} and {@code /{path}/{id}} exist (Kong disables them for e.g. targets)
 * @param nestedKey the field that a non-UUID segment names below a parent, or {@code null}: an ACL's {@code group}
 *        in {@code /consumers/{c}/acls/{group}} (see {@link NestedKeyEndpoints})
 */
record AdminResource(
        EntitySchema schema,
        String path,
        String nestedPath,
        boolean topLevel,
        @Nullable String nestedKey) {

    /** The resources of this version, in the order of {@link io.tollgate.domain.catalog.Schemas#ALL}. */
    static final List<AdminResource> CORE = List.of(
            new AdminResource(Certificates.SCHEMA, "certificates", "certificates", true),
            new AdminResource(Snis.SCHEMA, "snis", "snis", true),
            new AdminResource(CaCertificates.SCHEMA, "ca_certificates", "ca_certificates", true),
            new AdminResource(Services.SCHEMA, "services", "services", true),
            new AdminResource(Routes.SCHEMA, "routes", "routes", true),
            new AdminResource(Consumers.SCHEMA, "consumers", "consumers", true),
            new AdminResource(Plugins.SCHEMA, "plugins", "plugins", true),
            new AdminResource(KeyAuthCredentials.SCHEMA, "key-auths", "key-auth", true),
            new AdminResource(Upstreams.SCHEMA, "upstreams", "upstreams", true),
            new AdminResource(Targets.SCHEMA, "targets", "targets", false),
            new AdminResource(BasicAuthCredentials.SCHEMA, "basic-auths", "basic-auth", true),
            new AdminResource(Acls.SCHEMA, "acls", "acls", true, "group"),
            new AdminResource(JwtSecrets.SCHEMA, "jwts", "jwt", true),
            new AdminResource(HmacAuthCredentials.SCHEMA, "hmac-auths", "hmac-auth", true));

    AdminResource {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(nestedPath, "nestedPath");
    }

    /** A resource whose children are addressed below a parent by id or by the schema's endpoint key only. */
    AdminResource(EntitySchema schema, String path, String nestedPath, boolean topLevel) {
        this(schema, path, nestedPath, topLevel, null);
    }
}
