-- Whether the job was queued by the request's first approval, not by a Retry. Its first claim is then the first
-- run ever, which cannot have created a key, so it skips listing the project's keys. Jobs queued before this
-- column existed look first, to be safe.
ALTER TABLE delivery_job ADD COLUMN first_delivery boolean NOT NULL DEFAULT false;
