-- 009 (issue 9, auth): API tokens end; an administrator's password reset; a login attempt is
-- counted before its password is checked.
-- A token's expiry (chosen at creation, 90 days by default), its last use, and who ended it and
-- why (revoked by its owner or an administrator, a password change, a disabled account).
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
ALTER TABLE api_tokens ADD COLUMN last_used_at TEXT;
ALTER TABLE api_tokens ADD COLUMN revoked_by INTEGER;
ALTER TABLE api_tokens ADD COLUMN revoke_reason TEXT;
-- Tokens made before expiry existed end 90 days after they were made.
-- @sqlite
UPDATE api_tokens SET expires_at = strftime('%Y-%m-%dT%H:%M:%SZ', created_at, '+90 days') WHERE expires_at IS NULL;
-- @end
-- @postgresql
UPDATE api_tokens SET expires_at = to_char((created_at::timestamptz + interval '90 days') AT TIME ZONE 'UTC',
  'YYYY-MM-DD"T"HH24:MI:SS"Z"') WHERE expires_at IS NULL;
-- @end
CREATE INDEX api_tokens_staff ON api_tokens(staff_id, created_at);
-- 1: the account's password was set by an administrator; the user must choose a new one before
-- anything else.
ALTER TABLE staff ADD COLUMN must_change INTEGER NOT NULL DEFAULT 0;
-- A login attempt is written (as a failure) before its password is checked; the nonce names it so
-- that a successful attempt can forget its own row under the address.
ALTER TABLE login_failures ADD COLUMN nonce INTEGER;
