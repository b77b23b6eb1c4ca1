-- `history <project>` filters on the project's ref: without this index, finding the newest few requests of a
-- project that has been quiet for months meant walking back through every request made since. App Home's
-- "waiting for you" lists pending requests oldest first: the partial index keeps that a short walk, however
-- many requests are pending.
CREATE INDEX key_request_by_project_ref ON key_request (project_ref, id DESC);
CREATE INDEX key_request_pending ON key_request (id) WHERE state = 'PENDING';
