package io.tollgate.application.proxy.router;

import java.util.Arrays;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Candidates indexed by path in a character trie: a plain prefix at the node of its full text, a regex at the node
 * of its literal prefix ({@link RouteCandidate#literalPrefix}). A request visits only the nodes along its own path,
 * so the cost of a lookup depends on the path's length and the candidates that can match, not on the route count.
 * Candidates without paths are kept apart and always visited. Up to {@link #SMALL} candidates (the usual case under
 * one host) are kept in a plain list and all visited, which costs no more than a trie walk and compiles faster.
 * Built once, then only read.
 */
final class PathIndex {

    /** Up to this many candidates are visited as a list, without a trie. */
    static final int SMALL = 8;

    private static final RouteCandidate[] NONE = new RouteCandidate[0];

    private RouteCandidate[] small = NONE;
    private int smallCount;
    private @Nullable Node root;
    private RouteCandidate[] pathless = NONE;
    private int pathlessCount;

    void add(RouteCandidate candidate) {
        if (root == null) {
            small = append(small, smallCount++, candidate);
            if (smallCount <= SMALL) {
                return;
            }
            Node trie = new Node();
            for (int i = 0; i < smallCount; i++) {
                index(trie, small[i]);
            }
            root = trie;
            small = NONE;
            smallCount = 0;
            return;
        }
        index(root, candidate);
    }

    private void index(Node trie, RouteCandidate candidate) {
        String key =
                candidate.prefix != null ? candidate.prefix : candidate.regex != null ? candidate.regexLiteral : null;
        if (key == null) {
            pathless = append(pathless, pathlessCount++, candidate);
            return;
        }
        Node node = trie;
        for (int i = 0; i < key.length(); i++) {
            node = node.childOrNew(key.charAt(i));
        }
        node.here = append(node.here, node.hereCount++, candidate);
    }

    /** Calls {@code visitor} with every candidate whose path might match {@code path}. */
    void candidates(String path, Consumer<RouteCandidate> visitor) {
        for (int i = 0; i < smallCount; i++) {
            visitor.accept(small[i]);
        }
        Node node = root;
        if (node == null) {
            return;
        }
        for (int i = 0; i < pathlessCount; i++) {
            visitor.accept(pathless[i]);
        }
        node.visit(visitor);
        for (int i = 0; i < path.length(); i++) {
            node = node.child(path.charAt(i));
            if (node == null) {
                return;
            }
            node.visit(visitor);
        }
    }

    private static RouteCandidate[] append(RouteCandidate[] array, int size, RouteCandidate candidate) {
        RouteCandidate[] out = size < array.length ? array : Arrays.copyOf(array, Math.max(1, size * 2));
        out[size] = candidate;
        return out;
    }

    /** A trie node: children in a sorted char array (binary search), candidates ending here. */
    private static final class Node {
        private static final char[] NO_KEYS = new char[0];
        private static final Node[] NO_KIDS = new Node[0];

        private char[] keys = NO_KEYS;
        private Node[] kids = NO_KIDS;
        private int size;
        RouteCandidate[] here = NONE;
        int hereCount;

        @Nullable
        Node child(char c) {
            int i = Arrays.binarySearch(keys, 0, size, c);
            return i >= 0 ? kids[i] : null;
        }

        Node childOrNew(char c) {
            int i = Arrays.binarySearch(keys, 0, size, c);
            if (i >= 0) {
                return kids[i];
            }
            int at = -i - 1;
            if (size == keys.length) {
                int capacity = Math.max(1, size * 2);
                keys = Arrays.copyOf(keys, capacity);
                kids = Arrays.copyOf(kids, capacity);
            }
            System.arraycopy(keys, at, keys, at + 1, size - at);
            System.arraycopy(kids, at, kids, at + 1, size - at);
            Node node = new Node();
            keys[at] = c;
            kids[at] = node;
            size++;
            return node;
        }

        void visit(Consumer<RouteCandidate> visitor) {
            for (int i = 0; i < hereCount; i++) {
                visitor.accept(here[i]);
            }
        }
    }
}
