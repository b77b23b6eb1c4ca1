-- The lifecycle's full set of states and events.
ALTER TABLE key_request DROP CONSTRAINT key_request_state_check;
ALTER TABLE key_request ADD CONSTRAINT key_request_state_check CHECK (state IN
    ('PENDING', 'APPROVED', 'KEY_CREATED', 'DELIVERED', 'DENIED', 'CANCELLED', 'EXPIRED', 'FAILED'));

ALTER TABLE audit_event DROP CONSTRAINT audit_event_type_check;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_type_check CHECK (type IN
    ('REQUESTED', 'APPROVED', 'DENIED', 'KEY_CREATED', 'DELIVERED', 'FAILED', 'RETRIED'));

-- What is holding up an owed delivery right now, shown to approvers; cleared by the next state change.
ALTER TABLE key_request ADD COLUMN problem text;

-- Deliveries owed: one row per approved request, written in the approval's transaction. Any replica claims a
-- due row (SKIP LOCKED) and holds it for a lease; if that replica dies, the lease runs out and another takes it.
CREATE TABLE delivery_job (
    request_id   bigint      PRIMARY KEY REFERENCES key_request (id),
    due_at       timestamptz NOT NULL,
    attempts     integer     NOT NULL DEFAULT 0,
    locked_until timestamptz
);

CREATE INDEX delivery_job_by_due ON delivery_job (due_at);
