package io.tollgate.bootstrap.declarative;

import io.tollgate.domain.catalog.EntityKind;
import java.util.List;

/**
 * Where decK and Kong's declarative format nest entities: services → routes and plugins, routes → plugins, consumers
 * → plugins and credentials, upstreams → targets, certificates → SNIs, key sets → keys. A nested entity's foreign field to its parent
 * is implied by the nesting and left out of the file.
 *
 * @param parent the kind the entity is nested under
 * @param child the nested kind; its Kong name is the key of the nested list
 * @param field the child's foreign field that references the parent
 */
record Nesting(EntityKind parent, EntityKind child, String field) {

    /** Every nesting, parents in the catalogue's order. */
    static final List<Nesting> ALL = List.of(
            new Nesting(EntityKind.CERTIFICATES, EntityKind.SNIS, "certificate"),
            new Nesting(EntityKind.SERVICES, EntityKind.ROUTES, "service"),
            new Nesting(EntityKind.SERVICES, EntityKind.PLUGINS, "service"),
            new Nesting(EntityKind.ROUTES, EntityKind.PLUGINS, "route"),
            new Nesting(EntityKind.CONSUMERS, EntityKind.PLUGINS, "consumer"),
            new Nesting(EntityKind.CONSUMERS, EntityKind.KEYAUTH_CREDENTIALS, "consumer"),
            new Nesting(EntityKind.CONSUMERS, EntityKind.BASICAUTH_CREDENTIALS, "consumer"),
            new Nesting(EntityKind.CONSUMERS, EntityKind.HMACAUTH_CREDENTIALS, "consumer"),
            new Nesting(EntityKind.CONSUMERS, EntityKind.JWT_SECRETS, "consumer"),
            new Nesting(EntityKind.CONSUMERS, EntityKind.ACLS, "consumer"),
            new Nesting(EntityKind.UPSTREAMS, EntityKind.TARGETS, "upstream"),
            new Nesting(EntityKind.KEY_SETS, EntityKind.KEYS, "set"));

    /** The nestings below {@code parent}, in the order their lists are written. */
    static List<Nesting> below(EntityKind parent) {
        return ALL.stream().filter(n -> n.parent == parent).toList();
    }
}
