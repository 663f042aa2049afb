-- 016 (issue 10 §3): a consent about to end makes one renewal task for the client's primary case
-- manager (core/consent.c's time rule); the task it made, so that it is made once per consent.
ALTER TABLE consents ADD COLUMN renewal_task INTEGER REFERENCES tasks(id);
