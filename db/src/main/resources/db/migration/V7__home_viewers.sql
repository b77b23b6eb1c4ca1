-- Who has opened keybot's App Home, and when: after a change keybot republishes App Home only for people who
-- look at it, instead of for every requester and approver the change concerns.
CREATE TABLE home_viewer (
    user_id   text PRIMARY KEY,
    opened_at timestamptz NOT NULL
);
