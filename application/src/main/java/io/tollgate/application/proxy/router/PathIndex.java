package io.tollgate.application.proxy.router;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Candidates indexed by path: plain prefixes in a character trie, so a request visits only the candidates whose
 * prefix is a prefix of its path; regex and path-less candidates in a plain list. Built once, then only read.
 */
final class PathIndex {

    private final Node root = new Node();
    private final List<RouteCandidate> others = new ArrayList<>();

    void add(RouteCandidate candidate) {
        if (candidate.prefix == null) {
            others.add(candidate);
            return;
        }
        Node node = root;
        for (int i = 0; i < candidate.prefix.length(); i++) {
            node = node.children.computeIfAbsent(candidate.prefix.charAt(i), c -> new Node());
        }
        node.here.add(candidate);
    }

    /** Calls {@code visitor} with every candidate whose path might match {@code path}. */
    void candidates(String path, Consumer<RouteCandidate> visitor) {
        others.forEach(visitor);
        Node node = root;
        node.here.forEach(visitor);
        for (int i = 0; i < path.length(); i++) {
            node = node.children.get(path.charAt(i));
            if (node == null) {
                return;
            }
            node.here.forEach(visitor);
        }
    }

    private static final class Node {
        final Map<Character, Node> children = new HashMap<>(4);
        final List<RouteCandidate> here = new ArrayList<>(1);
    }
}
