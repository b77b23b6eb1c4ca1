package keybot.approvals;

/** The in-memory store the domain tests use, held to the contract the PostgreSQL store is held to. */
class InMemoryRequestStoreContractTest extends RequestStoreContract {

    @Override
    protected Ports freshPorts() {
        InMemoryRequestStore store = new InMemoryRequestStore();
        return new Ports(store, store.deliveries, store.effects);
    }
}
