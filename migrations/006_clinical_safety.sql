-- 005: clinical safety (issue 9 §2).
-- The PHQ-2 cut-off an organisation scores with: 3 (Kroenke 2003) or 2 for higher sensitivity; the
-- values allowed are the PHQ-2 definition's (instruments/phq2.json), checked when it is set.
ALTER TABLE orgs ADD COLUMN phq2_threshold INTEGER NOT NULL DEFAULT 3;
-- PHQ-9 item 9 raises "suicide risk: assessment needed"; a complete C-SSRS screen sets the level.
INSERT INTO flag_kinds(org_id, name, label) VALUES (NULL, 'suicide_screen_needed', 'Suicide risk: assessment needed');
-- A review written by a rule (a screen that resolves a flag) keeps its note as a key with parameters.
ALTER TABLE flag_reviews ADD COLUMN note_key TEXT;
ALTER TABLE flag_reviews ADD COLUMN note_args TEXT;
