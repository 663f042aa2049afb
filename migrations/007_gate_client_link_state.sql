-- 007: a look-alike link's decision (issue 9 §5): suggested when registering made it; confirmed as the
-- same person (same_person) or dismissed as different people (different) once, by whom, when and why.
-- A dismissed link is no longer shown as a possible duplicate.
ALTER TABLE client_links ADD COLUMN state TEXT NOT NULL DEFAULT 'suggested'
  CHECK (state IN ('suggested', 'same_person', 'different'));
ALTER TABLE client_links ADD COLUMN decided_by INTEGER REFERENCES staff(id);
ALTER TABLE client_links ADD COLUMN decided_at TEXT;
ALTER TABLE client_links ADD COLUMN decision_note TEXT;
