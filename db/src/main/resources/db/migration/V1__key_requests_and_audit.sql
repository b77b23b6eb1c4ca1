-- A request's state lives here, never only in a process: any replica can take any step.
CREATE TABLE key_request (
    id              bigserial   PRIMARY KEY,
    requester       text        NOT NULL,
    project_name    text        NOT NULL,
    project_ref     text        NOT NULL,
    key_name        text        NOT NULL,
    reason          text        NOT NULL,
    description     text,
    state           text        NOT NULL
        CHECK (state IN ('PENDING', 'APPROVED', 'KEY_CREATED', 'DELIVERED', 'DENIED', 'FAILED')),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    decided_by      text,
    decided_at      timestamptz,
    decision_note   text,
    -- what identifies the created key; the secret itself is never stored
    key_id          text,
    key_sha256      text        CHECK (key_sha256 ~ '^[0-9a-f]{64}$'),
    key_hint        text        CHECK (length(key_hint) <= 6),
    failure         text,
    message_channel text,
    message_ts      text
);

CREATE INDEX key_request_by_requester ON key_request (requester, id DESC);

CREATE TABLE audit_event (
    id         bigserial   PRIMARY KEY,
    request_id bigint      NOT NULL REFERENCES key_request (id),
    type       text        NOT NULL
        CHECK (type IN ('REQUESTED', 'APPROVED', 'DENIED', 'KEY_CREATED', 'DELIVERED', 'FAILED')),
    actor      text        NOT NULL,
    at         timestamptz NOT NULL,
    detail     text
);

CREATE INDEX audit_event_by_request ON audit_event (request_id, id);

-- The audit log is append-only: history is added to, never rewritten.
CREATE FUNCTION audit_event_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP;
END;
$$;

CREATE TRIGGER audit_event_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();

CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
