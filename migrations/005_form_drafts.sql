-- 005: what a user typed into a form when their session had ended, kept for them alone until they
-- log in again (at most 30 minutes; deleted once shown). page: the form's page; action: where the
-- form posts (which form of the page); fields: the posted fields as a JSON object, without the
-- CSRF token or passwords.
CREATE TABLE form_drafts (
  id INTEGER PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  page TEXT NOT NULL,
  action TEXT NOT NULL,
  fields TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX form_drafts_staff ON form_drafts(staff_id, page);
