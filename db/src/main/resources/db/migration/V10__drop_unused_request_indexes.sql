-- Every state change rewrites each index on key_request whose columns it touches. These two serve no query:
-- history by project filters on project_ref (V9), and pending requests are found through the partial index of V9.
DROP INDEX key_request_by_project;
DROP INDEX key_request_by_state;
