package io.tollgate.bootstrap.declarative;

import java.io.Reader;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a declarative file's YAML with SnakeYAML, which resolves anchors and aliases ({@code &a1} / {@code *a1}, as
 * Kong's {@code openapi-2-kong} writes a list shared by several entities; Jackson's YAML module reads an alias as
 * its bare name). Plain scalars are typed as JSON's literals would be: {@code true} / {@code false} (any of the three
 * cases), {@code null} / {@code ~} / empty, integers without a sign or leading zero but {@code -} (Integer, Long or
 * BigInteger) and numbers with a decimal point (Double), as Jackson's YAML module types them; everything else (dates,
 * YAML 1.1's {@code yes} / {@code on}, sexagesimal or octal numbers, {@code 1e5}, {@code +5}) stays a string.
 * Safe construction only (no Java types); at most {@value #MAX_ALIASES} aliases to collections; no size limit (a
 * file of 100,000 entities is several MB).
 */
final class YamlDocuments {

    /** Aliases to a list or map one file may use (SnakeYAML's guard against exponential expansion). */
    static final int MAX_ALIASES = 10_000;

    private YamlDocuments() {}

    /**
     * The document's top-level value: a {@code Map}, {@code List}, scalar, or {@code null} for an empty file.
     *
     * @throws org.yaml.snakeyaml.error.YAMLException on a syntax error (its message names line and column)
     */
    static @Nullable Object read(Reader yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setCodePointLimit(Integer.MAX_VALUE);
        options.setAllowDuplicateKeys(true);
        Yaml parser = new Yaml(
                new SafeConstructor(options),
                new Representer(new DumperOptions()),
                new DumperOptions(),
                options,
                new CoreSchema());
        return parser.load(yaml);
    }

    /** YAML 1.2's core schema's implicit types (JSON's), with YAML 1.1's merge key {@code <<}. */
    private static final class CoreSchema extends Resolver {
        private static final Pattern BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
        private static final Pattern INT = Pattern.compile("^-?(?:0|[1-9][0-9]*)$");
        private static final Pattern FLOAT = Pattern.compile(
                "^(?:-?(?:\\.[0-9]+|[0-9]+\\.[0-9]*)(?:[eE][-+]?[0-9]+)?|-?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
        private static final Pattern NULL = Pattern.compile("^(?:~|null|Null|NULL| )$");

        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "tfTF");
            addImplicitResolver(Tag.INT, INT, "-0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-0123456789.");
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }
}
