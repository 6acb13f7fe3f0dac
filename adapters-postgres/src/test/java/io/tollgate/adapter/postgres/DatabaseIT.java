package io.tollgate.adapter.postgres;

import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the integration tests that need the migrated database: one real PostgreSQL shared by every such test
 * class in the run (started on first use, stopped when the test JVM exits), emptied before each test.
 */
abstract class DatabaseIT {

    /** The shared database; its tables are empty at the start of each test. */
    static final TestDatabase db = TestDatabase.shared();

    /** The entity store on {@link #db}. */
    JooqEntityStore store;

    /** Writes through the event log on {@link #db}. */
    EventWrites writes;

    @BeforeEach
    final void emptyDatabase() {
        db.truncate();
        store = db.store;
        writes = db.writes;
    }
}
