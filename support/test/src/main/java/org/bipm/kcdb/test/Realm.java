package org.bipm.kcdb.test;

import java.nio.file.Files;
import java.nio.file.Path;

/** The one realm file of the project (infra/keycloak), found from wherever a module's tests run. */
public final class Realm {

    static final String FILE = "infra/keycloak/kcdb-realm.json";

    private Realm() {
    }

    public static Path file() {
        return repositoryRoot().resolve(FILE);
    }

    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve(FILE))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("No " + FILE + " above " + Path.of("").toAbsolutePath());
    }
}
