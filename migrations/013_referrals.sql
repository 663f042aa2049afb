-- 013 (issue 10 §2): referrals between organisations, closed-loop. A referral sends a client to
-- another organisation's intake queue (to_org_id; optionally one of its services) or to one's own;
-- its state moves sent -> received -> accepted | declined | info_requested (-> received again) ->
-- in_progress -> completed, or cancelled (by the sender) / failed; every change is a row of
-- referral_events. sections is the data classes shared (DC_BIT mask, limited by the client's
-- consent to the receiving organisation, consent_id); due_at is when an acknowledgement is expected
-- (sent_at plus the urgency's response time, core/referral.c). intake_id names the intake that led
-- to it (no foreign key: the intake slice owns that table). overdue_noted_at: the sweep made the
-- overdue task and notice (once).
CREATE TABLE referrals (
  id INTEGER PRIMARY KEY,
  client_id INTEGER NOT NULL REFERENCES clients(id),
  from_org_id INTEGER NOT NULL REFERENCES orgs(id),
  from_staff_id INTEGER NOT NULL REFERENCES staff(id),
  to_org_id INTEGER NOT NULL REFERENCES orgs(id),
  service_id INTEGER REFERENCES services(id),
  intake_id INTEGER,
  reason TEXT NOT NULL,
  asked TEXT NOT NULL,
  urgency TEXT NOT NULL,
  due_at TEXT NOT NULL,
  sections INTEGER NOT NULL DEFAULT 0,
  consent_id INTEGER,
  agreement TEXT NOT NULL,
  agreement_reason TEXT,
  agreement_reviewed_by INTEGER REFERENCES staff(id),
  agreement_reviewed_at TEXT,
  agreement_review_note TEXT,
  state TEXT NOT NULL DEFAULT 'sent',
  assigned_to INTEGER REFERENCES staff(id),
  episode_id INTEGER REFERENCES episodes(id),
  outcome TEXT,
  sent_at TEXT NOT NULL,
  received_at TEXT,
  closed_at TEXT,
  overdue_noted_at TEXT,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
-- The queues: overdue first (state 'sent', by sent_at), then the rest by sent_at (core/referral.c).
CREATE INDEX referrals_to ON referrals(to_org_id, state, sent_at);
CREATE INDEX referrals_from ON referrals(from_org_id, state, sent_at);
CREATE INDEX referrals_to_sent ON referrals(to_org_id, sent_at);
CREATE INDEX referrals_from_sent ON referrals(from_org_id, sent_at);
CREATE INDEX referrals_client ON referrals(client_id, sent_at);
CREATE INDEX referrals_assigned ON referrals(assigned_to, state);
CREATE INDEX referrals_due ON referrals(state, due_at);
-- Every change of a referral, dated, with who (NULL: a rule), the states before and after, a reason
-- code from the action's list and the words given (a question, an answer, an outcome, a reason).
CREATE TABLE referral_events (
  id INTEGER PRIMARY KEY,
  referral_id INTEGER NOT NULL REFERENCES referrals(id),
  at TEXT NOT NULL,
  staff_id INTEGER REFERENCES staff(id),
  action TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  reason_code TEXT,
  text TEXT
);
CREATE INDEX referral_events_referral ON referral_events(referral_id, id);
