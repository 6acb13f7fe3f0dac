package io.tollgate.application.plugin.bundled;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The transformer operations on URL-encoded arguments (a query string or a form body), in Kong's order: remove,
 * rename (keeps the values), replace (only present names), add (only absent names), append (one more value).
 */
final class ArgsTransform {

    private ArgsTransform() {}

    /**
     * Applies the rules of {@code target} to {@code args} in place.
     *
     * @return whether any rule changed something
     */
    static boolean apply(Map<String, List<String>> args, TransformRules rules, String target, Template.Source source) {
        boolean changed = false;
        for (String name : rules.remove(target)) {
            changed |= args.remove(name) != null;
        }
        for (TransformRules.Pair p : rules.pairs("rename", target)) {
            List<String> values = args.remove(p.name());
            if (values != null) {
                args.put(p.value(), values);
                changed = true;
            }
        }
        for (TransformRules.Pair p : rules.pairs("replace", target)) {
            if (args.containsKey(p.name())) {
                args.put(p.name(), new ArrayList<>(List.of(Template.render(p.value(), source))));
                changed = true;
            }
        }
        for (TransformRules.Pair p : rules.pairs("add", target)) {
            if (!args.containsKey(p.name())) {
                args.put(p.name(), new ArrayList<>(List.of(Template.render(p.value(), source))));
                changed = true;
            }
        }
        for (TransformRules.Pair p : rules.pairs("append", target)) {
            args.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(Template.render(p.value(), source));
            changed = true;
        }
        return changed;
    }
}
