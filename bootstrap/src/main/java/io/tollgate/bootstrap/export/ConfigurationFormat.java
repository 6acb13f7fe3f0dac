package io.tollgate.bootstrap.export;

import io.tollgate.adapter.postgres.PastConfiguration;
import java.io.IOException;
import java.io.Writer;

/** A file format for a whole configuration ({@code tollgate config export}); one implementation per format. */
public interface ConfigurationFormat {

    /**
     * Writes {@code configuration} to {@code out} (not closed).
     *
     * @throws IOException when {@code out} fails
     */
    void write(PastConfiguration configuration, Writer out) throws IOException;
}
