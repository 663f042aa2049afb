-- 023 (issue 12 §2): the keys a client is found by, whatever the length of the word typed. One row
-- per key of a client (core/client.c writes them with the name index; base/namekey.c makes them):
-- each word of the names folded (lower case, NFC), the whole name without spaces in both orders
-- (김민지, xiaolingwu), the initial consonants of a Hangul name (ㄱㅁㅈ, ㅁㅈ), and a phone's digits,
-- last four and groups. kind says how relevant a match on it is: 0 the whole name or number, 1 a
-- word (or the last four digits), 2 a part (initial consonants, a group of digits). A search looks
-- keys up by prefix (key >= w AND key < w || U+10FFFF), so the keys compare byte by byte (UTF-8 in
-- code-point order): SQLite's BINARY, PostgreSQL's "C" collation. The rows of the clients of older
-- databases are made when this migration is applied (client_keys_backfill, a migration step in C).
-- @sqlite
CREATE TABLE client_name_keys (
  client_id INTEGER NOT NULL REFERENCES clients(id),
  key TEXT NOT NULL,
  kind INTEGER NOT NULL,
  PRIMARY KEY (client_id, key)
) WITHOUT ROWID;
-- @postgresql
CREATE TABLE client_name_keys (
  client_id INTEGER NOT NULL REFERENCES clients(id),
  key TEXT COLLATE "C" NOT NULL,
  kind INTEGER NOT NULL,
  PRIMARY KEY (client_id, key)
);
-- @end
CREATE INDEX client_name_keys_key ON client_name_keys(key, kind, client_id);
