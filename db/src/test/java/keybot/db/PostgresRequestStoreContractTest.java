package keybot.db;

import keybot.approvals.RequestStoreContract;
import org.junit.jupiter.api.AfterEach;

/** The PostgreSQL store, held to the same contract as the in-memory one, each test on a database of its own. */
class PostgresRequestStoreContractTest extends RequestStoreContract {

    private Database db;

    @Override
    protected Ports freshPorts() {
        db = TestPostgres.freshDatabase();
        PostgresRequestStore store = new PostgresRequestStore(db.jdbi());
        return new Ports(store, store.deliveries(), store.effects());
    }

    @AfterEach
    void close() {
        db.close();
    }
}
