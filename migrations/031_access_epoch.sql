-- 031 (issue 15): a number that changes whenever anything an access decision or an API token's
-- look-up reads is written, by any server or command on this database. A loop thread keeps the
-- decisions and the tokens it has looked up with the number they were read under and asks them again
-- once it has moved (core/access.c, auth/auth.c): one look-up of a one-row table per request instead
-- of the token's and the decision's queries. A write that cannot change a decision (a token's last
-- use, a client's phone number) leaves it alone. The tables are those of SQL_FACTS, consent_classes,
-- referral_shares and identity_token_get; a new fact read there needs its table here.
CREATE TABLE access_epoch (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n INTEGER NOT NULL
);
INSERT INTO access_epoch (id, n) VALUES (1, 1);
-- @sqlite
CREATE TRIGGER access_epoch_staff_u AFTER UPDATE OF org_id, role, username, display_name, discipline, language, must_change, disabled ON staff BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_staff_d AFTER DELETE ON staff BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_tokens_u AFTER UPDATE OF staff_id, token_hash, revoked_at, expires_at ON api_tokens BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_tokens_d AFTER DELETE ON api_tokens BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_clients_i AFTER INSERT ON clients BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_clients_u AFTER UPDATE OF id, org_id ON clients BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_clients_d AFTER DELETE ON clients BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_episodes_i AFTER INSERT ON episodes BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_episodes_u AFTER UPDATE OF client_id, org_id, status, primary_cm ON episodes BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_episodes_d AFTER DELETE ON episodes BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_team_i AFTER INSERT ON team_members BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_team_u AFTER UPDATE OF episode_id, staff_id, from_date, to_date ON team_members BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_team_d AFTER DELETE ON team_members BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_oncall_i AFTER INSERT ON oncall BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_oncall_u AFTER UPDATE OF org_id, staff_id, starts_at, ends_at ON oncall BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_oncall_d AFTER DELETE ON oncall BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_glass_i AFTER INSERT ON break_glass BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_glass_u AFTER UPDATE OF staff_id, client_id, expires_at ON break_glass BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_glass_d AFTER DELETE ON break_glass BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_consents_i AFTER INSERT ON consents BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_consents_u AFTER UPDATE OF client_id, org_id, purpose, classes, starts_on, ends_on, withdrawn_at ON consents BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_consents_d AFTER DELETE ON consents BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_consent_orgs_i AFTER INSERT ON consent_orgs BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_consent_orgs_u AFTER UPDATE ON consent_orgs BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_consent_orgs_d AFTER DELETE ON consent_orgs BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_referrals_i AFTER INSERT ON referrals BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_referrals_u AFTER UPDATE OF client_id, from_org_id, to_org_id, sections, state ON referrals BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_referrals_d AFTER DELETE ON referrals BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_housing_i AFTER INSERT ON housing_applications BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_housing_u AFTER UPDATE OF client_id, org_id, status ON housing_applications BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_housing_d AFTER DELETE ON housing_applications BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_tenancies_i AFTER INSERT ON tenancies BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_tenancies_u AFTER UPDATE OF client_id, org_id, end_date ON tenancies BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
CREATE TRIGGER access_epoch_tenancies_d AFTER DELETE ON tenancies BEGIN UPDATE access_epoch SET n=n+1 WHERE id=1; END;
-- @end
-- @postgresql
CREATE FUNCTION access_epoch_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE access_epoch SET n = n + 1 WHERE id = 1;
  RETURN NULL;
END $$;
CREATE TRIGGER access_epoch_staff AFTER UPDATE OF org_id, role, username, display_name, discipline, language, must_change, disabled OR DELETE OR TRUNCATE ON staff FOR EACH STATEMENT EXECUTE FUNCTION access_epoch_bump();
CREATE TRIGGER access_epoch_tokens AFTER UPDATE OF staff_id, token_hash, revoked_at, expires_at OR DELETE OR TRUNCATE ON api_tokens FOR EACH STATEMENT EXECUTE FUNCTION access_epoch_bump();
CREATE TRIGGER access_epoch_clients AFTER INSERT OR UPDATE OF id, org_id OR DELETE OR TRUNCATE ON clients FOR EACH STATEMENT EXECUTE FUNCTION access_epoch_bump();
CREATE TRIGGER access_epoch_episodes AFTER INSERT OR UPDATE OF client_id, org_id, status, primary_cm OR DELETE OR TRUNCATE ON episodes FOR EACH STATEMENT EXECUTE FUNCTION access_epoch_bump();
CREATE TRIGGER access_epoch_team AFTER INSERT OR UPDATE OF episode_id, staff_id, from_date, to_date OR DELETE OR TRUNCATE ON team_members FOR EACH STATEMENT EXECUTE FUNCTION access_epoch_bump();
CREATE TRIGGER access_epoch_oncall AFTER INSERT OR UPDATE OF org_id, staff_id, starts_at, ends_at OR DELETE OR TRUNCATE ON oncall FOR EACH STATEMENT EXECUTE FUNCTION access_epoch_bump();
CREATE TRIGGER access_epoch_glass AFTER INSERT OR UPDATE OF staff_id, client_id, expires_at OR DELETE OR TRUNCATE ON break_glass FOR EACH STATEMENT EXECUTE FUNCTION access_epoch_bump();
CREATE TRIGGER access_epoch_consents AFTER INSERT OR UPDATE OF client_id, org_id, purpose, classes, starts_on, ends_on, withdrawn_at OR DELETE OR TRUNCATE ON consents FOR EACH STATEMENT EXECUTE FUNCTION access_epoch_bump();
CREATE TRIGGER access_epoch_consent_orgs AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON consent_orgs FOR EACH STATEMENT EXECUTE FUNCTION access_epoch_bump();
CREATE TRIGGER access_epoch_referrals AFTER INSERT OR UPDATE OF client_id, from_org_id, to_org_id, sections, state OR DELETE OR TRUNCATE ON referrals FOR EACH STATEMENT EXECUTE FUNCTION access_epoch_bump();
CREATE TRIGGER access_epoch_housing AFTER INSERT OR UPDATE OF client_id, org_id, status OR DELETE OR TRUNCATE ON housing_applications FOR EACH STATEMENT EXECUTE FUNCTION access_epoch_bump();
CREATE TRIGGER access_epoch_tenancies AFTER INSERT OR UPDATE OF client_id, org_id, end_date OR DELETE OR TRUNCATE ON tenancies FOR EACH STATEMENT EXECUTE FUNCTION access_epoch_bump();
-- @end
