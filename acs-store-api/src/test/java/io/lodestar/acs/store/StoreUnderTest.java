package io.lodestar.acs.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The store of an engine's contract test, opened from {@link #newStore()} before each test and closed after it.
 * An engine's test extends this, implements the contracts its store fulfils, and may use {@link #store} in its
 * own tests (and replace it, when a test opens the storage differently).
 */
public abstract class StoreUnderTest implements StoreFixture {

    /** The store under test; {@code null} once a test has closed it for good. */
    protected AcsStore store;

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Override
    public final AcsStore store() {
        return store;
    }

    @Override
    public final void restart(IndexedParameters indexed) {
        store.close();
        store = null; // if reopening fails, the store was closed already: nothing left to close after the test
        store = reopen(indexed);
    }
}
