-- 004: the language is chosen per request and never stored translated (issue 8 §6).
-- A staff member's preferred language ('en', 'ko'; NULL: none, Accept-Language decides).
ALTER TABLE staff ADD COLUMN language TEXT;
-- Texts made by rules are stored as a key with parameters (a JSON object) and translated when
-- shown; title and reason keep the English text (the source language) for what reads them raw.
ALTER TABLE tasks ADD COLUMN title_key TEXT;
ALTER TABLE tasks ADD COLUMN title_args TEXT;
ALTER TABLE flags ADD COLUMN reason_key TEXT;
ALTER TABLE flags ADD COLUMN reason_args TEXT;
-- The rules' earlier tasks get their keys, so the rules find them by key from now on.
UPDATE tasks SET title_key = 'crisis.follow_up_24h' WHERE source = 'rule' AND title = 'Crisis follow-up: 24 hours';
UPDATE tasks SET title_key = 'crisis.follow_up_72h' WHERE source = 'rule' AND title = 'Crisis follow-up: 72 hours';
UPDATE tasks SET title_key = 'crisis.follow_up_7d' WHERE source = 'rule' AND title = 'Crisis follow-up: 7 days';
UPDATE tasks SET title_key = 'suicide.contact', title_args = '{"hours":24}'
  WHERE source = 'rule' AND title = 'Contact within 24 hours';
UPDATE tasks SET title_key = 'suicide.safety_plan_review' WHERE source = 'rule' AND title = 'Review the safety plan';
UPDATE tasks SET title_key = 'hospital.discharge_follow_up', title_args = '{"days":7}'
  WHERE source = 'rule' AND title = 'Follow up within 7 days of hospital discharge';
UPDATE flags SET reason_key = 'flag.by_assessment' WHERE source = 'assessment' AND reason = 'Raised by an assessment.';
