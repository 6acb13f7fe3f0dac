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
 * A full compile fills a new index with {@link #add}; a router patch derives a new index with {@link #plus} and
 * {@link #minus}, which copy only the nodes along the changed candidate's key (path copying) and never modify an index
 * a router already uses.
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
        String key = key(candidate);
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

    /** Whether the index holds no candidate (nodes emptied by {@link #minus} may remain; they match nothing). */
    boolean isEmpty() {
        return smallCount == 0 && pathlessCount == 0 && (root == null || root.isEmpty());
    }

    /** A new index with {@code candidate} added; this one is unchanged. Costs the length of its key. */
    PathIndex plus(RouteCandidate candidate) {
        PathIndex next = copy();
        if (root == null) {
            next.small = Arrays.copyOf(small, smallCount);
            next.add(candidate);
            return next;
        }
        String key = key(candidate);
        if (key == null) {
            next.pathless = appendCopy(pathless, pathlessCount, candidate);
            next.pathlessCount = pathlessCount + 1;
        } else {
            next.root = root.plus(key, 0, candidate);
        }
        return next;
    }

    /** A new index without {@code candidate} (the same object); this one is unchanged. */
    PathIndex minus(RouteCandidate candidate) {
        PathIndex next = copy();
        if (root == null) {
            next.small = without(small, smallCount, candidate);
            next.smallCount = next.small.length;
            return next;
        }
        String key = key(candidate);
        if (key == null) {
            next.pathless = without(pathless, pathlessCount, candidate);
            next.pathlessCount = next.pathless.length;
        } else {
            next.root = root.minus(key, 0, candidate);
        }
        return next;
    }

    private PathIndex copy() {
        PathIndex next = new PathIndex();
        next.small = small;
        next.smallCount = smallCount;
        next.root = root;
        next.pathless = pathless;
        next.pathlessCount = pathlessCount;
        return next;
    }

    private static @Nullable String key(RouteCandidate candidate) {
        return candidate.prefix != null ? candidate.prefix : candidate.regex != null ? candidate.regexLiteral : null;
    }

    private static RouteCandidate[] appendCopy(RouteCandidate[] array, int size, RouteCandidate candidate) {
        RouteCandidate[] out = Arrays.copyOf(array, size + 1);
        out[size] = candidate;
        return out;
    }

    private static RouteCandidate[] without(RouteCandidate[] array, int size, RouteCandidate candidate) {
        RouteCandidate[] out = new RouteCandidate[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (array[i] != candidate) {
                out[n++] = array[i];
            }
        }
        return n == size ? Arrays.copyOf(array, size) : Arrays.copyOf(out, n);
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

        boolean isEmpty() {
            if (hereCount > 0) {
                return false;
            }
            for (int i = 0; i < size; i++) {
                if (!kids[i].isEmpty()) {
                    return false;
                }
            }
            return true;
        }

        /** A copy of this node (its own arrays) with {@code candidate} added at {@code key} from {@code at}. */
        Node plus(String key, int at, RouteCandidate candidate) {
            Node next = copy();
            if (at == key.length()) {
                next.here = appendCopy(here, hereCount, candidate);
                next.hereCount = hereCount + 1;
                return next;
            }
            char c = key.charAt(at);
            Node child = child(c);
            Node changed = (child == null ? new Node() : child).plus(key, at + 1, candidate);
            int i = Arrays.binarySearch(next.keys, 0, next.size, c);
            if (i >= 0) {
                next.kids[i] = changed;
            } else {
                next.childOrNew(c);
                next.kids[Arrays.binarySearch(next.keys, 0, next.size, c)] = changed;
            }
            return next;
        }

        /** A copy of this node without {@code candidate} at {@code key} from {@code at}; this node if absent. */
        Node minus(String key, int at, RouteCandidate candidate) {
            if (at == key.length()) {
                Node next = copy();
                next.here = without(here, hereCount, candidate);
                next.hereCount = next.here.length;
                return next;
            }
            int i = Arrays.binarySearch(keys, 0, size, key.charAt(at));
            if (i < 0) {
                return this;
            }
            Node next = copy();
            next.kids[i] = kids[i].minus(key, at + 1, candidate);
            return next;
        }

        private Node copy() {
            Node next = new Node();
            next.keys = Arrays.copyOf(keys, size);
            next.kids = Arrays.copyOf(kids, size);
            next.size = size;
            next.here = here;
            next.hereCount = hereCount;
            return next;
        }

        void visit(Consumer<RouteCandidate> visitor) {
            for (int i = 0; i < hereCount; i++) {
                visitor.accept(here[i]);
            }
        }
    }
}
