-- 029 (issue 14 §3): success stories. A story of recovery or community life, written by a worker on
-- the client's care team with the client: its title and text (words: whose words they are: the
-- client's, written with the worker, or the worker's), the service domains it touches (a JSON array of
-- service_domains keys) and the programme. States: draft -> submitted -> published | returned (the
-- worker edits and submits again); withdrawn at any state. Submitted only while the client holds an
-- active consent for the purpose "evaluation" (consent_id: the one it was submitted under).
-- Published: published_month (YYYY-MM) is all that is shown of when. Withdrawn (the client withdrew the
-- consent, or asked to take the story back): title and text are erased (NULL), the review notes too;
-- kept: that a story existed, when, withdrawn when and why (withdraw_cause: consent or asked).
CREATE TABLE stories (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  title TEXT,
  body TEXT,
  words TEXT NOT NULL,
  domains TEXT NOT NULL,
  programme TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft',
  consent_id INTEGER REFERENCES consents(id),
  created_by INTEGER NOT NULL REFERENCES staff(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  submitted_by INTEGER REFERENCES staff(id),
  submitted_at TEXT,
  published_by INTEGER REFERENCES staff(id),
  published_at TEXT,
  published_month TEXT,
  withdrawn_by INTEGER REFERENCES staff(id),
  withdrawn_at TEXT,
  withdraw_cause TEXT,
  withdraw_reason TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX stories_client ON stories(client_id, id);
CREATE INDEX stories_status ON stories(status, org_id, id);
-- A supervisor's review of a submitted story: the four checks for what could identify the client
-- (names, places, dates, rare details: 1 when the reviewer found none left), a free note, and the
-- decision (published: every check ticked; returned: the note says what to change).
CREATE TABLE story_reviews (
  id INTEGER PRIMARY KEY,
  story_id INTEGER NOT NULL REFERENCES stories(id),
  reviewer_id INTEGER NOT NULL REFERENCES staff(id),
  decision TEXT NOT NULL,
  no_names INTEGER NOT NULL,
  no_places INTEGER NOT NULL,
  no_dates INTEGER NOT NULL,
  no_rare_details INTEGER NOT NULL,
  note TEXT,
  made_at TEXT NOT NULL
);
CREATE INDEX story_reviews_story ON story_reviews(story_id, id);
