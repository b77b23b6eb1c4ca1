-- A request keeps the rules it was submitted under (who may approve, how many approvals, self-approval, timers,
-- channel), as JSON written and read whole by keybot; requests stored before this have none until keybot adopts
-- their project's rules at start. Its version counts its moves: a move applies only to the version it was decided
-- on, which is how of two racing moves exactly one applies. The reminder interval is now part of the rules.
ALTER TABLE key_request
    ADD COLUMN rules   jsonb,
    ADD COLUMN version integer NOT NULL DEFAULT 0,
    DROP COLUMN remind_every;

-- Finds the requests still without rules at start without walking a project's whole history; empty once adopted.
CREATE INDEX key_request_without_rules ON key_request (project_ref) WHERE rules IS NULL;

-- What a change owes people in Slack, written in the change's transaction and performed after it commits by any
-- replica: one request's effects one at a time, in id order; a claim is a lease. Due at once while due_at is null.
CREATE TABLE effect (
    id           bigserial   PRIMARY KEY,
    request_id   bigint      NOT NULL REFERENCES key_request (id),
    kind         text        NOT NULL CHECK (kind IN ('POST_REQUEST', 'UPDATE_MESSAGE', 'TELL_REQUESTER',
                                                      'THREAD_REVIEW', 'THREAD_REMINDER')),
    about        text,
    due_at       timestamptz,
    attempts     integer     NOT NULL DEFAULT 0,
    locked_until timestamptz
);

-- Claims walk this one in order and stop at the first effect that is due, free and first of its request; the
-- other finds what comes before and after an effect of the same request.
CREATE INDEX effect_by_due ON effect (due_at NULLS FIRST, id);
CREATE INDEX effect_by_request ON effect (request_id, id);

-- A message Slack refused for good, or kept failing, is recorded in the request's history.
ALTER TABLE audit_event DROP CONSTRAINT audit_event_type_check;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_type_check CHECK (type IN
    ('REQUESTED', 'APPROVAL', 'APPROVED', 'DENIED', 'CANCELLED', 'EXPIRED', 'REMINDED', 'KEY_CREATED', 'DELIVERED',
     'FAILED', 'RETRIED', 'MESSAGE_FAILED'));
