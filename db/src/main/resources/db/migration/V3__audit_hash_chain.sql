-- Every audit line records the context an auditor needs, its place in a hash chain, and its hash.
ALTER TABLE audit_event
    ADD COLUMN seq          bigint,
    ADD COLUMN actor_name   text,
    ADD COLUMN project      text,
    ADD COLUMN key_name     text,
    ADD COLUMN key_id       text,
    ADD COLUMN key_sha256   text,
    ADD COLUMN message_link text,
    ADD COLUMN prev_hash    text,
    ADD COLUMN hash         text;

-- The end of the chain. Appending locks this row, so lines are chained one after another, and the verifier can
-- tell when lines were cut off the end.
CREATE TABLE audit_head (
    id   integer PRIMARY KEY CHECK (id = 1),
    seq  bigint  NOT NULL,
    hash text    NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

-- The approval message's permalink, copied into every audit line after it was posted.
ALTER TABLE key_request ADD COLUMN message_link text;
