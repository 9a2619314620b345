package org.bipm.kcdb.directory;


/** The component tests' directory keeps the contract the Keycloak directory keeps. */
class InMemoryDirectoryContractTest extends DirectoryContract {

    private final Directory directory = InMemoryDirectory.ofRealm();

    @Override
    Directory directory() {
        return directory;
    }
}
