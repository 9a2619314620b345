package org.bipm.kcdb.platform;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

/**
 * The store's unique indexes order their keys as H2's type does (by Java serialisation), so that the index maps of
 * data files written before {@link IndexKeyType} are searched as they are sorted.
 */
class IndexKeyTypeTest {

    private static final String CHARS = "aZ09-_.:\u0000\u007f\u0080\u00e9\u07ff\u0800\u20ac\uffff\ud83d\ude00\ud800";

    @Test
    void ordersKeysAsTheirJavaSerialisation() {
        Random random = new Random(15);
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(6);
            for (int c = 0; c < length; c++) {
                text.append(CHARS.charAt(random.nextInt(CHARS.length())));
            }
            keys.add(new KeyValue(text.toString()));
            keys.add(new KeyValue("cmc-" + random.nextInt(100_000)));
        }
        for (double value : new double[] {0.0, 1.0, -1.0, 2.5, -2.5, 1e300, -1e-300, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 9_007_199_254_740_991.0}) {
            keys.add(new KeyValue(value));
        }
        for (int i = 0; i < 60; i++) {
            keys.add(new KeyValue(random.nextGaussian() * 1e6));
            keys.add(new KeyValue((double) random.nextInt(1_000)));
        }
        keys.add(new KeyValue("x".repeat(70_000))); // a long string: compared as H2 compares it
        keys.add(new KeyValue(Long.MAX_VALUE));
        keys.add(new KeyValue(true));
        keys.add(new KeyValue("a", 1.0));
        ObjectDataType serialised = new ObjectDataType();
        IndexKeyType fast = new IndexKeyType();
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                assertThat(Integer.signum(fast.compare(a, b))).as("%s against %s", a, b)
                        .isEqualTo(Integer.signum(serialised.compare(a, b)));
            }
        }
    }
}
