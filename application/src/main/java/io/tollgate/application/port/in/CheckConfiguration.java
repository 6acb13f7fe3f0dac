package io.tollgate.application.port.in;

import io.tollgate.application.port.DeclaredConfiguration;
import java.util.List;

/** Kong's {@code kong config parse}: a declarative configuration checked against the schemas, without a database. */
public interface CheckConfiguration {

    /**
     * Validates every entity against its schema (a plugin against its plugin's) without reading or writing the
     * database: references by name are not resolved, uniqueness is not checked.
     *
     * @return one line per invalid entity, {@code <path>: <Kong's schema-violation message>}, in file order; empty
     *     when every entity is valid
     */
    List<String> check(DeclaredConfiguration configuration);
}
