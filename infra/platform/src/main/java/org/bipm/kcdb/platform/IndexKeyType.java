package org.bipm.kcdb.platform;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the store's unique indexes (the {@code _id} index of every collection): H2's {@link ObjectDataType},
 * which orders the library's index keys ({@link KeyValue}, not {@code Comparable}) by their Java serialisation, byte
 * by byte, and so serialised both keys anew for every comparison: some thirty {@code ObjectOutputStream}s for one
 * look-up by id, and look-ups by id are in nearly every command (a find, the index check of an insert, an update's
 * own position, twenty for a list of twenty ids). This type gives the same order without serialising for the keys
 * the store holds: one string, or one number (the library keys every number by its double value), which serialise
 * alike up to that value; any other key is compared as H2 compares it. The order is the one the index maps in
 * existing data files are sorted by, so they are read as they are ({@code IndexKeyTypeTest} compares the two orders).
 * With the system property {@value #INDEX_KEYS} set to {@code false} the indexes use H2's type, as before (for the
 * benchmark that compares the two).
 */
final class IndexKeyType extends ObjectDataType {

    static final String INDEX_KEYS = "kcdb.store.indexKeys";

    /** Java serialisation writes a string of more modified-UTF-8 bytes than this as a long string. */
    private static final int SHORT_STRING = 0xFFFF;

    /** Whether the store's unique indexes use this type ({@value #INDEX_KEYS} not {@code false}). */
    static boolean enabled() {
        return !"false".equals(System.getProperty(INDEX_KEYS));
    }

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue one && b instanceof KeyValue other && one.size() == 1 && other.size() == 1) {
            Object x = one.get(0);
            Object y = other.get(0);
            if (x instanceof String s && y instanceof String t) {
                int order = compareStrings(s, t);
                if (order != Integer.MIN_VALUE) {
                    return order;
                }
            } else if (x instanceof Double d && y instanceof Double e) {
                // serialised as its bits (doubleToLongBits), big-endian, compared as unsigned bytes
                return Long.compareUnsigned(Double.doubleToLongBits(d), Double.doubleToLongBits(e));
            }
        }
        return super.compare(a, b);
    }

    /**
     * The order of two strings' serialisations: the length of their modified UTF-8 first (two bytes, big-endian),
     * then their bytes, whose order is that of their chars except that NUL (written {@code C0 80}) comes after
     * {@code 0x7F} and before {@code 0x80}; {@code Integer.MIN_VALUE} for a string serialised as a long string.
     * One pass over both strings: a look-up compares its key with some fifteen others.
     */
    static int compareStrings(String s, String t) {
        int n = Math.min(s.length(), t.length());
        int sBytes = 0;
        int tBytes = 0;
        int first = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            char d = t.charAt(i);
            sBytes += bytes(c);
            tBytes += bytes(d);
            if (first == 0 && c != d) {
                first = Integer.compare(rank(c), rank(d));
            }
        }
        for (int i = n; i < s.length(); i++) {
            sBytes += bytes(s.charAt(i));
        }
        for (int i = n; i < t.length(); i++) {
            tBytes += bytes(t.charAt(i));
        }
        if (sBytes > SHORT_STRING || tBytes > SHORT_STRING) {
            return Integer.MIN_VALUE;
        }
        // equal lengths in bytes and all chars alike up to the shorter string's end: the same string
        return sBytes != tBytes ? Integer.compare(sBytes, tBytes) : first;
    }

    private static int rank(char c) {
        return c == 0 ? 2 * 0x7F + 1 : 2 * c;
    }

    /** The bytes of {@code c} in modified UTF-8. */
    private static int bytes(char c) {
        return c >= 1 && c <= 0x7F ? 1 : c <= 0x7FF ? 2 : 3;
    }
}
