package org.bipm.kcdb.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The child JVMs' options: a JVM refuses an option it does not know, so the launcher must not pass it one. */
class JavaTest {

    @Test
    void theNativeHeapIsTrimmedOnlyWhereTheJvmKnowsTheOption() {
        assertThat(Java.trimsNativeHeap(Runtime.Version.parse("17.0.8"))).isFalse();
        assertThat(Java.trimsNativeHeap(Runtime.Version.parse("17.0.9"))).isTrue();
        assertThat(Java.trimsNativeHeap(Runtime.Version.parse("17.0.15+6"))).isTrue();
        assertThat(Java.trimsNativeHeap(Runtime.Version.parse("19.0.2"))).isFalse();
        assertThat(Java.trimsNativeHeap(Runtime.Version.parse("21"))).isFalse();
        assertThat(Java.trimsNativeHeap(Runtime.Version.parse("21.0.1"))).isTrue();
        assertThat(Java.trimsNativeHeap(Runtime.Version.parse("22"))).isTrue();
    }

    @Test
    void everyHeapStartsSmallOnTheSerialCollector() {
        assertThat(Java.heap(256)).startsWith("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC");
        assertThat(Java.heap(256).contains("-XX:TrimNativeHeapInterval=5000"))
                .isEqualTo(Java.trimsNativeHeap(Runtime.version()));
    }
}
