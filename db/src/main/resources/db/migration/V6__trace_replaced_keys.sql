-- Leak tracing finds a key by its hash even after a retry replaced it on the request: every KEY_CREATED line
-- keeps the hash of the key it recorded.
CREATE INDEX audit_event_by_key_sha256 ON audit_event (key_sha256) WHERE key_sha256 IS NOT NULL;
