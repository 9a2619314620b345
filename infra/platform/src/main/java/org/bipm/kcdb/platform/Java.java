package org.bipm.kcdb.platform;

import java.nio.file.Path;

/** The java executable of the running JVM, so that every child runs on the same JDK. */
final class Java {

    private Java() {
    }

    static String home() {
        return System.getProperty("java.home");
    }

    static String executable() {
        return Path.of(home(), "bin", "java").toString();
    }
}
