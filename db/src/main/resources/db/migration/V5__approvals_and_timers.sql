ALTER TABLE audit_event DROP CONSTRAINT audit_event_type_check;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_type_check CHECK (type IN
    ('REQUESTED', 'APPROVAL', 'APPROVED', 'DENIED', 'CANCELLED', 'EXPIRED', 'REMINDED', 'KEY_CREATED', 'DELIVERED',
     'FAILED', 'RETRIED'));

-- Who has approved so far, for projects that need several distinct approvers.
ALTER TABLE key_request ADD COLUMN approvals text[] NOT NULL DEFAULT '{}';

-- A pending request's timers, fired by whichever replica looks first: expiry, and up to a few reminders.
ALTER TABLE key_request
    ADD COLUMN expires_at       timestamptz,
    ADD COLUMN next_reminder_at timestamptz,
    ADD COLUMN reminders_sent   integer NOT NULL DEFAULT 0,
    ADD COLUMN remind_every     interval;

UPDATE key_request SET expires_at = created_at + interval '24 hours',
                       next_reminder_at = created_at + interval '4 hours',
                       remind_every = interval '4 hours'
 WHERE state = 'PENDING';

CREATE INDEX key_request_expiring ON key_request (expires_at) WHERE state = 'PENDING';
CREATE INDEX key_request_reminding ON key_request (next_reminder_at) WHERE state = 'PENDING';
