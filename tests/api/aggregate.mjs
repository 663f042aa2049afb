// Aggregates only (issue 14): analysts and the city task force get no client-level data from ANY
// route. Every GET route of the OpenAPI document the server serves (its {placeholders} filled with
// the ids of real records), and every page of a list of the interface's, is asked as analyst1 and as
// taskforce1; nothing that answers may carry a client: no client's name, date of birth, phone or
// identifier anywhere in the body, and no JSON member that belongs to a client record.
//
//   node tests/api/aggregate.mjs build/san/hearth      (run by tests/run-all on both engines)
//
// Makes a demo database in a temporary directory (tests/pg/newdb: SQLite, or PostgreSQL when the
// suite runs on it), computes the evaluation (`hearth evaluate`), serves it on a free loopback port.
// Prints TAP: one line per role, and one per finding ("# ROLE GET PATH: why").
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const PASSWORD = 'hearth-demo-2026';
const ROLES = ['analyst1', 'taskforce1'];
// Pages of the interface (the API is read from its document): lists and a client's record and views.
const PAGES = ['/', '/clients', '/clients?q=a', '/clients/1', '/clients/2', '/clients/1/crisis', '/clients/1/care-plan',
  '/clients/1/safety-plan', '/clients/1/contacts/new', '/intakes', '/referrals', '/referrals?box=sent', '/conferences',
  '/oncall', '/peer-activities', '/team', '/housing', '/care-work', '/care/statements', '/notifications', '/directory',
  '/evaluation', '/evaluation?kind=month', '/evaluation?kind=year', '/evaluation/print', '/indicators', '/stories'];
// Members that belong to a client record; an aggregate has none of them (with a value).
const CLIENT_KEYS = ['given_name', 'family_name', 'preferred_name', 'birth_date', 'client_id', 'client', 'address',
  'name_text', 'identifiers'];

let tapN = 0, failed = 0;
function tap(ok, name, lines = []) {
  tapN++;
  console.log(`${ok ? 'ok' : 'not ok'} ${tapN} - ${name}`);
  if (!ok) failed++;
  for (const l of lines) console.log(`# ${l}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

function sqlRows(db, sql) {
  const q = /^postgres/.test(db) ? spawnSync('psql', ['-qAtF', '\t', db, '-c', sql], { encoding: 'utf8' })
    : spawnSync('sqlite3', ['-separator', '\t', db, sql], { encoding: 'utf8' });
  if (q.status !== 0) throw new Error(`${sql}: ${q.stderr}`);
  return q.stdout.split('\n').filter(Boolean).map((l) => l.split('\t'));
}

// The strings that would give a client away: full names (in either order, and Korean style without
// a space), dates of birth, phones and identifiers; none that is also a worker's or an organisation's
// (a worker may share a client's name, and the on-call list shows workers' phones).
function clientStrings(db) {
  const out = new Set(), others = new Set();
  for (const r of sqlRows(db, 'SELECT display_name, phone FROM staff UNION ALL SELECT name, NULL FROM orgs'))
    for (const s of r) if (s) others.add(s);
  for (const [given, family, birth, phone] of sqlRows(db, 'SELECT given_name, family_name, birth_date, phone FROM clients')) {
    for (const s of [`${given} ${family}`, `${family} ${given}`, `${family}${given}`, birth, phone])
      if (s && s.length >= 5 && !others.has(s)) out.add(s);
  }
  for (const r of sqlRows(db, 'SELECT value FROM client_identifiers')) if (r[0] && r[0].length >= 4) out.add(r[0]);
  return out;
}

// Every id a placeholder may take: the first rows of the tables the paths name.
function idsFor(db) {
  const pick = (t) => { try { return sqlRows(db, `SELECT id FROM ${t} ORDER BY id LIMIT 2`).map((r) => r[0]); } catch { return []; } };
  return { clients: pick('clients'), referrals: pick('referrals'), intakes: pick('intakes'), conferences: pick('conferences'),
    'care-plans': pick('care_plans'), 'care-services': pick('care_services'), contacts: pick('contacts'),
    tasks: pick('tasks'), flags: pick('flags'), crisis: pick('crisis_events'), housing: pick('housing_units'),
    applications: pick('housing_applications'), tenancies: pick('tenancies'), stories: pick('stories'),
    staff: pick('staff'), orgs: pick('orgs') };
}

function expand(p, ids) {
  // the path's first segment after /api/v1/ names the record kind of its first {id}
  const seg = p.split('/').filter(Boolean)[2] || '';
  const pool = ids[seg] && ids[seg].length ? ids[seg] : ['1', '2'];
  return pool.map((id) => p.replace(/\{[^}]+\}/, id).replace(/\{[^}]+\}/g, '1'));
}

function findings(body, type, strings) {
  const out = [];
  for (const s of strings) if (body.includes(s)) { out.push(`a client's data in the body: «${s}»`); break; }
  if (/json/.test(type)) {
    let j;
    try { j = JSON.parse(body); } catch { return out; }
    const walk = (x, at) => {
      if (Array.isArray(x)) x.forEach((v, i) => walk(v, `${at}[${i}]`));
      else if (x && typeof x === 'object')
        for (const [k, v] of Object.entries(x)) {
          if (CLIENT_KEYS.includes(k) && v !== null && v !== '' && !(Array.isArray(v) && !v.length))
            out.push(`a client's member ${at}.${k}`);
          walk(v, `${at}.${k}`);
        }
    };
    walk(j, '');
  }
  return out;
}

async function login(base, user) {
  const r = await fetch(`${base}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user, password: PASSWORD }) });
  if (!r.ok) throw new Error(`login as ${user}: ${r.status} ${await r.text()}`);
  const cookie = (r.headers.getSetCookie ? r.headers.getSetCookie() : [r.headers.get('set-cookie')])
    .map((c) => c.split(';')[0]).join('; ');
  return cookie;
}

async function main() {
  const hearth = path.resolve(process.argv[2] || 'build/san/hearth');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-aggregate-'));
  let server = null;
  try {
    const newdb = spawnSync(path.join(ROOT, 'tests/pg/newdb'), ['aggregate', tmp], { encoding: 'utf8' });
    if (newdb.status !== 0) throw new Error(`tests/pg/newdb failed: ${newdb.stderr}`);
    const db = newdb.stdout.trim();
    for (const args of [['demo', '--db', db, '--clients', '60'], ['evaluate', '--db', db]]) {
      const r = spawnSync(hearth, args, { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
      if (r.status !== 0) throw new Error(`hearth ${args.join(' ')} failed:\n${r.stderr}`);
    }
    const strings = clientStrings(db), ids = idsFor(db);
    tap(strings.size > 100, `the demo's clients give ${strings.size} strings to look for`);
    const port = await freePort();
    const log = fs.openSync(path.join(tmp, 'server.log'), 'a');
    server = spawn(hearth, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--quiet', '--static', 'static',
      '--threads', '2'], { cwd: ROOT, stdio: ['ignore', log, log] });
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 20_000;
    for (;;) {
      try { if ((await fetch(`${base}/healthz`)).ok) break; } catch {}
      if (Date.now() > deadline) throw new Error('hearth serve did not answer /healthz');
      await new Promise((r) => setTimeout(r, 50));
    }
    const doc = await (await fetch(`${base}/api/v1/openapi.json`)).json();
    const gets = Object.entries(doc.paths).filter(([, ops]) => ops.get).map(([p]) => p)
      .filter((p) => !/login|logout|openapi/.test(p));
    // cm1 first, as the control: the same sweep must find client data where there is some, or it
    // proves nothing for the others.
    for (const user of ['cm1', ...ROLES]) {
      const cookie = await login(base, user);
      const bad = [];
      let asked = 0, answered = 0;
      const urls = [...gets.flatMap((p) => expand(p, ids)), ...PAGES];
      for (const url of urls) {
        let r, body;
        try {
          r = await fetch(`${base}${url}`, { headers: { cookie }, redirect: 'manual' });
          body = await r.text();
        } catch (e) {
          bad.push(`GET ${url}: ${e.message} (${e.cause ? e.cause.message : ''})`);
          continue;
        }
        asked++;
        if (r.status >= 500) bad.push(`GET ${url}: ${r.status}`);
        if (r.status !== 200) continue;
        answered++;
        for (const f of findings(body, r.headers.get('content-type') || '', strings)) bad.push(`GET ${url}: ${f}`);
      }
      if (user === 'cm1')
        tap(bad.length > 0, `the control, cm1: ${bad.length} findings of client-level data in ${asked} routes and pages (the sweep sees it where it is)`);
      else
        tap(bad.length === 0, `${user}: ${asked} routes and pages asked (${answered} answered 200), no client-level data`, bad.slice(0, 40));
    }
  } catch (e) {
    tap(false, `aggregate sweep: ${e.message}`);
  } finally {
    if (server) server.kill('SIGTERM');
    if (process.env.HEARTH_AGGREGATE_KEEP) console.log(`# kept ${tmp}`); else fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`1..${tapN}`);
  process.exit(failed ? 1 : 0);
}
main();
