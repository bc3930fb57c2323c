package io.lodestar.acs.sim.model;

import java.util.Comparator;

/**
 * Path helpers for the simulated trees: the natural order CPEs list their parameters in (instance numbers
 * compared as numbers, an object before everything below it) and a few name manipulations.
 */
public final class Paths {

    /**
     * Segment by segment; numeric segments compare as numbers (so {@code Line.2.} comes before {@code Line.10.});
     * a path that is a prefix of another comes first. Every object's subtree is therefore one contiguous range.
     */
    public static final Comparator<String> ORDER = Paths::compare;

    private Paths() {}

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        int la = a.length();
        int lb = b.length();
        while (i < la && j < lb) {
            int ea = segmentEnd(a, i);
            int eb = segmentEnd(b, j);
            int c = compareSegment(a, i, ea, b, j, eb);
            if (c != 0) {
                return c;
            }
            // equal segments; step over the dots
            boolean dotA = ea < la;
            boolean dotB = eb < lb;
            if (dotA != dotB) {
                return dotA ? 1 : -1; // "X.Y" (parameter) before "X.Y." (object); they never coexist anyway
            }
            i = ea + 1;
            j = eb + 1;
        }
        boolean doneA = i >= la;
        boolean doneB = j >= lb;
        if (doneA && doneB) {
            return 0;
        }
        return doneA ? -1 : 1;
    }

    private static int segmentEnd(String s, int from) {
        int dot = s.indexOf('.', from);
        return dot < 0 ? s.length() : dot;
    }

    private static int compareSegment(String a, int sa, int ea, String b, int sb, int eb) {
        boolean na = isDigits(a, sa, ea);
        boolean nb = isDigits(b, sb, eb);
        if (na && nb) {
            // strip leading zeros, then longer is larger, then lexicographic
            while (sa < ea - 1 && a.charAt(sa) == '0') {
                sa++;
            }
            while (sb < eb - 1 && b.charAt(sb) == '0') {
                sb++;
            }
            int c = Integer.compare(ea - sa, eb - sb);
            if (c != 0) {
                return c;
            }
        } else if (na != nb) {
            return na ? -1 : 1;
        }
        int n = Math.min(ea - sa, eb - sb);
        for (int k = 0; k < n; k++) {
            int c = Character.compare(a.charAt(sa + k), b.charAt(sb + k));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(ea - sa, eb - sb);
    }

    private static boolean isDigits(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The last name of a path: {@code URI} for {@code A.SIP.URI}, {@code 2} for {@code A.Line.2.}. */
    public static String lastSegment(String path) {
        String p = path.endsWith(".") ? path.substring(0, path.length() - 1) : path;
        return p.substring(p.lastIndexOf('.') + 1);
    }

    /** The object that contains a path: {@code A.B.} for {@code A.B.C} and for {@code A.B.C.}; empty for a root. */
    public static String parent(String path) {
        String p = path.endsWith(".") ? path.substring(0, path.length() - 1) : path;
        int dot = p.lastIndexOf('.');
        return dot < 0 ? "" : p.substring(0, dot + 1);
    }

    /** Whether the path is an instance of a multi-instance object: its last name is a number, e.g. {@code A.Line.2.}. */
    public static boolean isInstance(String path) {
        if (!path.endsWith(".")) {
            return false;
        }
        String last = lastSegment(path);
        return isDigits(last, 0, last.length());
    }

    /** Whether a name is made of digits only (an instance number). */
    public static boolean isNumber(String name) {
        return isDigits(name, 0, name.length());
    }
}
