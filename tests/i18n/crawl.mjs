// The Korean crawl (issue 12): every page each role can reach, shown in Chromium in Korean, with
// no English left.
//
//   node tests/i18n/crawl.mjs build/san/hearth      (a run of `make check`, with the browser journeys)
//
// Makes a Korean demo database (`hearth demo --locale ko`) in a temporary directory, serves it on a
// free loopback port, and for each demo role logs in, sets the account's language to ko and opens
// in headless Chromium (playwright-core, Debian's /usr/bin/chromium) every same-origin GET link
// reachable from the navigation and a client's record (breadth first from ENTRIES, which hold the
// client records, their forms and the crisis view; a few pages per path shape, at most MAX_PAGES per
// role; never /logout, static files or the API). On each page it reads every visible text node, the
// options of selects, and the placeholder, title, aria-label and button values, and reports each
// text that is
//   - an English msgid of po/ko.po (an untranslated or unmarked text, named with its msgid),
//   - a vocabulary value (src/core's lists and src/ui/vocab.c) as is ("on_hold") or humanised
//     ("On hold"): a value shown without its label, or
//   - any other English: a word of two or more Latin letters that ALLOW does not explain.
// A server error (5xx) or a page that does not load is a finding too. Prints TAP: one line per role
// ("ok N - ROLE: P pages crawled in Korean"), each finding as "# ROLE PAGE: «text» (why)".
// HEARTH_CRAWL_ROLES=cm1,sup limits the roles; HEARTH_CRAWL_MAX caps the pages per role;
// HEARTH_CRAWL_KEEP=1 keeps the temporary directory.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const PASSWORD = 'hearth-demo-2026';
const CLIENTS = 60;
const MAX_PAGES = Number(process.env.HEARTH_CRAWL_MAX || 160);
const PER_SHAPE = 1; // pages of one path shape (/clients/N/contacts/N) fetched per role
const OVERALL_MS = 420_000; // about 100 s on an idle machine, 210 s with the machine's two cores busy
const CHROMIUM = '/usr/bin/chromium';
const ROLES = process.env.HEARTH_CRAWL_ROLES ? process.env.HEARTH_CRAWL_ROLES.split(',') : ['admin', 'sup', 'cm1', 'psy1', 'nurse1', 'peer1', 'desk1', 'housing1', 'analyst1', 'cm4', 'care1', 'taskforce1'];
// Entry points beyond the links of "/": pages that no link on the first pages may lead to.
const ENTRIES = ['/', '/account', '/evaluation', '/evaluation?kind=month', '/evaluation/print', '/indicators', '/stories', '/notifications', '/clients', '/clients?q=%EA%B9%80', '/intakes', '/intakes/new',
  '/directory', '/referrals', '/referrals?box=sent', '/conferences', '/oncall', '/peer-activities',
  '/peer-supervisions', '/break-glass', '/team', '/admin/orgs', '/admin/staff', '/admin/assignments',
  '/clients/1', '/clients/2', '/clients/3', '/clients/1/crisis', '/clients/1/contacts/new', '/clients/1/flags/new',
  '/clients/1/assessments/new', '/clients/1/referrals/new', '/clients/1/care-plan', '/clients/1/safety-plan'];

// English that may stay in a Korean page, each for its reason. Kept short: anything else in Latin
// letters is a finding.
const ALLOW = [
  [/^[\w.+-]+@[\w-]+(\.[\w-]+)+$/, 'an e-mail address'],
  [/^(https?:\/\/|\/)\S*$/, 'an address (URL or path)'],
  [/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$/, 'an acronym or code in capitals: instrument names (PHQ-9, GAD-7, AUDIT-C, C-SSRS, K-10), ACT, CSV, API, ID'],
  [/^[A-Za-z]*\d[\w-]*$/, 'a code with digits (a record number, an identifier, a version)'],
  [/^(Hearth)$/, 'the name of the product'],
  [/^(YYYY|MM|DD)$/, 'the date pattern shown in a hint (YYYY-MM-DD)'],
  [/^English$/, 'the name of a language in its own language (the language choice)'],
  [/^(Authorization|Bearer)$/, 'an HTTP header a program sends, quoted in the API-token help'],
  [/^(wu|Wu|Xiaoling)$/, 'a name given as an example: of what to type in the search help (wu), of the name orders (Xiaoling Wu)'],
];
// Texts of the demo data and the instrument and rule files (src/core/demo*.c, instruments/,
// eligibility/) left in English: with HEARTH_CRAWL_DATA=1 (as tests/run-all runs it) they fail like
// the interface's; without it they are counted and shown apart (marked [data]).
const DATA_STRICT = process.env.HEARTH_CRAWL_DATA === '1';
function dataCorpus() {
  let out = '';
  for (const f of ['src/core/demo.c', 'src/core/demo_ko.c'])
    for (const m of fs.readFileSync(path.join(ROOT, f), 'utf8').matchAll(/"((?:[^"\\\n]|\\.)*)"/g)) out += m[1] + '\n';
  for (const d of ['instruments', 'eligibility'])
    for (const f of fs.readdirSync(path.join(ROOT, d))) out += fs.readFileSync(path.join(ROOT, d, f), 'utf8') + '\n';
  return out;
}
let DATA = '';
// A text is data when each of its runs of Latin-script text is found in the data files, as written
// or as the format that wrote it ("Room 4" from "Room %d": the demo's housing units).
function isData(t) {
  const runs = t.split(/[^\x20-\x7e]+|\s[—·]\s|:\s|,\s/).map((r) => r.replace(/^[\d\s.,(«"'“‘\[—·:-]+|[\s)»"'”’\].,:;!?·—-]+$/g, ''))
    .filter((r) => /[A-Za-z]{2}/.test(r));
  return runs.length > 0 && runs.every((r) => DATA.includes(r) || DATA.includes(r.replace(/\d+/g, '%d')));
}
// The Latin-script names of people and organisations in the Korean demo (a client may write their
// name in Latin letters; issue 12 shows it given-then-family): read from the demo database.
let NAMES = new Set();
const SKIP = [/^\/logout/, /^\/static\//, /^\/api\//, /^\/healthz/, /^\/metrics/, /^\/fhir\//];

let tapN = 0;
let failed = 0;
const state = { tmp: null, server: null, browser: null };
function tap(ok, name, lines = []) {
  tapN++;
  console.log(`${ok ? 'ok' : 'not ok'} ${tapN} - ${name}`);
  if (!ok) failed++;
  for (const l of lines) for (const x of String(l).split("\n")) console.log(`# ${x}`);
}

// ---- what must not be shown in Korean ---------------------------------------------------------

function unquote(s) {
  return JSON.parse(s.replace(/\\([^"\\nt])/g, '$1')); // a PO string is a C string; JSON reads the rest
}
// po/ko.po's entries: the English (without context) of each msgid whose Korean differs from it.
function englishOfCatalogue(file) {
  const english = new Map(); // text -> msgctxt|msgid
  const text = fs.readFileSync(file, 'utf8');
  for (const block of text.split(/\n\s*\n/)) {
    if (/^#~/m.test(block) && !/^msgid/m.test(block.replace(/^#~.*$/gm, ''))) continue; // obsolete
    const fields = {};
    let cur = null;
    for (const line of block.split('\n')) {
      const m = line.match(/^(msgctxt|msgid|msgid_plural|msgstr(?:\[0\])?) (".*")$/);
      if (m) {
        cur = m[1].replace('[0]', '');
        fields[cur] = unquote(m[2]);
      } else if (cur && /^".*"$/.test(line)) fields[cur] += unquote(line);
      else if (!line.startsWith('#')) cur = null;
    }
    if (!fields.msgid || /#, fuzzy/.test(block)) continue;
    const ko = fields.msgstr || '';
    if (ko === fields.msgid) continue;
    const en = fields.msgid.trim();
    if (en.length < 2 || !/[A-Za-z]{2}/.test(en)) continue; // "·", "%s: %s", "—": no words
    if (/^%[a-zA-Z]$/.test(en)) continue;
    english.set(en, fields.msgctxt ? `${fields.msgctxt}|${fields.msgid}` : fields.msgid);
  }
  return english;
}

// The values of the vocabularies: the exported lists of src/core and the registry of src/ui/vocab.c.
function vocabularyValues() {
  const values = new Set();
  const files = fs.readdirSync(path.join(ROOT, 'src/core')).filter((f) => f.endsWith('.c'))
    .map((f) => path.join(ROOT, 'src/core', f));
  for (const f of files) {
    const src = fs.readFileSync(f, 'utf8');
    for (const m of src.matchAll(/^const char \*const (\w+)\[\] = \{([^;]*)\};/gm)) {
      if (/_tables$|_labels$|_keys$/.test(m[1])) continue;
      for (const s of m[2].matchAll(/"([a-z][a-z_]*)"/g)) values.add(s[1]);
    }
  }
  const reg = path.join(ROOT, 'src/ui/vocab.c');
  if (fs.existsSync(reg))
    for (const m of fs.readFileSync(reg, 'utf8').matchAll(/\{"([a-z][a-z_]*)", N?C?_\(/g)) values.add(m[1]);
  const out = new Map(); // text -> value
  for (const v of values) {
    const h = v.replace(/_/g, ' ');
    out.set(h.charAt(0).toUpperCase() + h.slice(1), v);
    if (v.includes('_')) out.set(v, v);
  }
  return out;
}

// ---- reading a page ----------------------------------------------------------------------------

function norm(s) {
  return s.replace(/\s+/g, ' ').trim();
}
const DATA_MARK = ' [data]';
const LATIN_WORD = /[A-Za-z][A-Za-z'’]*[A-Za-z]/g;
// Why a Latin-script word may stay, or null.
function allowed(word) {
  if (NAMES.has(word)) return 'a name in the demo data';
  for (const [re, why] of ALLOW) if (re.test(word)) return why;
  return null;
}
function findings(texts, english, vocab) {
  const out = new Set();
  for (const [where, raw] of texts) {
    const t = norm(raw);
    if (t.length < 2) continue;
    let named = false;
    for (const c of new Set([t, t.replace(/\s*[:·]$/, ''), t.replace(/^[·(]\s*|\s*\)$/g, '')])) {
      // "English" in the language choice, the language in its own name, is a catalogue text too (a
      // client's language: 영어)
      if (c === "English") continue;
      if (english.has(c)) out.add(`«${c}» in ${where}: English of ${JSON.stringify(english.get(c))}${isData(c) ? DATA_MARK : ''}`);
      else if (vocab.has(c)) out.add(`«${c}» in ${where}: the vocabulary value ${vocab.get(c)} without its label`);
      else continue;
      named = true;
    }
    if (named) continue;
    // any other English: whole tokens (split at spaces) that hold a Latin word no rule allows
    const bad = t.split(/\s+/).map((tok) => tok.replace(/^[(«"'“‘\[]+|[)»"'”’\].,:;!?·]+$/g, ''))
      .filter((tok) => /[A-Za-z]{2}/.test(tok) && !allowed(tok) && (tok.match(LATIN_WORD) || []).some((w) => !allowed(w)));
    if (bad.length) out.add(`«${t.length > 120 ? t.slice(0, 117) + '…' : t}» in ${where}: English (${bad.slice(0, 4).join(' ')})${isData(t) ? DATA_MARK : ''}`);
  }
  return [...out];
}

// ---- the server --------------------------------------------------------------------------------

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
async function startServer(hearth, db) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const log = fs.openSync(path.join(state.tmp, 'server.log'), 'a');
    let exited = null;
    state.server = spawn(hearth, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--quiet', '--static', 'static',
      '--threads', '2'], { cwd: ROOT, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    state.server.on('exit', (code, signal) => { exited = { code, signal }; });
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !exited) {
      try {
        if ((await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) })).ok) return base;
      } catch {}
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!exited) throw new Error(`hearth serve did not answer /healthz on ${base} within 20 s`);
  }
  throw new Error(`hearth serve exited:\n${fs.readFileSync(path.join(state.tmp, 'server.log'), 'utf8').slice(-2000)}`);
}
async function stopServer() {
  const s = state.server;
  if (!s || s.exitCode !== null || s.signalCode !== null) return;
  const gone = new Promise((r) => s.once('exit', r));
  s.kill('SIGTERM');
  const t = setTimeout(() => s.kill('SIGKILL'), 10_000);
  await gone;
  clearTimeout(t);
}

// ---- one role ----------------------------------------------------------------------------------

// A browser context logged in as user, its account's language set to ko.
async function session(browser, base, user) {
  const ctx = await browser.newContext({ locale: 'ko-KR', extraHTTPHeaders: { 'Accept-Language': 'ko' },
    viewport: { width: 1280, height: 900 } });
  const r = await ctx.request.post(`${base}/api/v1/login`, { data: { username: user, password: PASSWORD } });
  if (!r.ok()) throw new Error(`login as ${user}: ${r.status()} ${await r.text()}`);
  const csrf = (await r.json()).csrf_token;
  const me = await ctx.request.patch(`${base}/api/v1/me`, { headers: { 'X-CSRF-Token': csrf }, data: { language: 'ko' } });
  if (!me.ok()) throw new Error(`PATCH /api/v1/me as ${user}: ${me.status()} ${await me.text()}`);
  return ctx;
}

// In the page: what a reader meets (visible text nodes; whole texts of links, buttons, labels,
// headings and options; placeholders, titles, aria-labels, button values) and the page's links.
function readInPage() {
  const texts = [];
  const visible = (el) => el && (el.checkVisibility ? el.checkVisibility({ visibilityProperty: true }) : el.offsetParent !== null);
  // Quoted as written, never translated: codes and identifiers marked as code (<code>: "hearth-ko", an
  // identifier's issuing system), and an instrument's copyright notice (.copyright), which its licence
  // asks to be reproduced as the holder wrote it.
  const ASIS = 'code,.copyright';
  const without = (el) => {
    if (!el.querySelector(ASIS)) return el.textContent;
    const c = el.cloneNode(true);
    for (const x of c.querySelectorAll(ASIS)) x.remove();
    return c.textContent;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const p = n.parentElement;
    if (!n.nodeValue.trim() || !p || p.closest('script,style,noscript,template') || p.closest(ASIS)) continue;
    if (p.closest('option') || visible(p)) texts.push(['text', n.nodeValue]);
  }
  for (const el of document.querySelectorAll('a,button,option,label,legend,summary,h1,h2,h3,h4,th,dt,caption'))
    if (!el.closest(ASIS) && (el.tagName === 'OPTION' || visible(el))) texts.push([el.tagName.toLowerCase(), without(el)]);
  for (const el of document.querySelectorAll('[placeholder],[title],[aria-label],input[type=submit],input[type=button]'))
    for (const k of ['placeholder', 'title', 'aria-label', 'value'])
      if (el.getAttribute(k) && (k !== 'value' || /^(submit|button)$/.test(el.type))) texts.push([`@${k}`, el.getAttribute(k)]);
  texts.push(['title', document.title]);
  const links = [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'));
  return { texts, links };
}

function shape(p) {
  const u = new URL(p, 'http://x');
  return u.pathname.replace(/\/\d+/g, '/N') + '?' + [...u.searchParams.keys()].sort().join(',');
}

async function crawlRole(browser, base, user, english, vocab) {
  const ctx = await session(browser, base, user);
  const page = await ctx.newPage();
  const seen = new Set();
  const shapes = new Map();
  const queue = [...ENTRIES];
  const found = [];
  let pages = 0;
  try {
    while (queue.length && pages < MAX_PAGES) {
      const p = queue.shift();
      if (seen.has(p)) continue;
      seen.add(p);
      const sh = shape(p);
      if ((shapes.get(sh) || 0) >= PER_SHAPE) continue;
      shapes.set(sh, (shapes.get(sh) || 0) + 1);
      let r;
      try {
        r = await page.goto(base + p, { waitUntil: 'domcontentloaded', timeout: 30_000 });
      } catch (e) {
        found.push(`${p}: the page did not load (${e.message.split('\n')[0]})`);
        continue;
      }
      const at = new URL(page.url());
      if (at.pathname.startsWith('/login')) continue; // not for this role
      const landed = at.pathname + at.search;
      if (landed !== p) {
        if (seen.has(landed)) continue;
        seen.add(landed);
      }
      if (!r) continue;
      if (r.status() >= 500) found.push(`${p}: status ${r.status()}`);
      if (!(r.headers()['content-type'] || '').startsWith('text/html')) continue;
      if (r.status() === 403 || r.status() === 404) continue; // offered by an entry point, not a link of the role
      pages++;
      const { texts, links } = await page.evaluate(readInPage);
      for (const f of findings(texts, english, vocab)) found.push(`${landed}: ${f}`);
      for (const l of links) {
        if (!l || !l.startsWith('/') || l.startsWith('//')) continue;
        const clean = l.split('#')[0];
        if (!clean || SKIP.some((s) => s.test(clean)) || seen.has(clean)) continue;
        queue.push(clean);
      }
    }
  } finally {
    await ctx.close();
  }
  return { pages, found };
}

// The Latin-script words of the demo's names (clients, staff, organisations) and its accounts'
// usernames ("sup", shown on the account and staff pages), from its database.
function demoNames(db) {
  const sql = "SELECT given_name FROM clients UNION SELECT family_name FROM clients UNION SELECT preferred_name FROM clients"
    + " UNION SELECT display_name FROM staff UNION SELECT username FROM staff UNION SELECT name FROM orgs";
  const q = /^postgres/.test(db) ? spawnSync('psql', ['-qAt', db, '-c', sql], { encoding: 'utf8' })
    : spawnSync('sqlite3', [db, sql], { encoding: 'utf8' });
  if (q.status !== 0) throw new Error(`reading the demo's names: ${q.stderr}`);
  return new Set(q.stdout.match(LATIN_WORD) || []);
}

// ---- main --------------------------------------------------------------------------------------

async function main() {
  const hearth = path.resolve(process.argv[2] || 'build/san/hearth');
  const english = englishOfCatalogue(path.join(ROOT, 'po/ko.po'));
  const vocab = vocabularyValues();
  tap(english.size > 1000 && vocab.size > 100, `the catalogue's English (${english.size} texts) and the vocabularies' values (${vocab.size} forms) are known`);
  state.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-crawl-'));
  const newdb = spawnSync(path.join(ROOT, 'tests/pg/newdb'), ['crawl', state.tmp], { encoding: 'utf8' });
  if (newdb.status !== 0) throw new Error(`tests/pg/newdb failed: ${newdb.stderr}`);
  const db = newdb.stdout.trim();
  const demo = spawnSync(hearth, ['demo', '--db', db, '--clients', String(CLIENTS), '--locale', 'ko'],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (demo.status !== 0) throw new Error(`hearth demo --locale ko failed (${demo.status ?? demo.signal}):\n${demo.stderr}`);
  const evaluate = spawnSync(hearth, ['evaluate', '--db', db], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (evaluate.status !== 0) throw new Error(`hearth evaluate failed (${evaluate.status ?? evaluate.signal}):\n${evaluate.stderr}`);
  NAMES = demoNames(db);
  DATA = dataCorpus();
  const base = await startServer(hearth, db);
  // the browser tests' playwright-core (scripts/deps installs it in tests/e2e/node_modules)
  const pw = await import(path.join(ROOT, 'tests/e2e/node_modules/playwright-core/index.mjs'));
  process.env.TMPDIR = state.tmp; // the browser's profile goes with the temporary directory
  state.browser = await pw.chromium.launch({ executablePath: CHROMIUM, timeout: 30_000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  for (const user of ROLES) {
    try {
      const { pages, found } = await crawlRole(state.browser, base, user, english, vocab);
      const data = found.filter((f) => f.endsWith(DATA_MARK));
      const ui = DATA_STRICT ? found : found.filter((f) => !f.endsWith(DATA_MARK));
      tap(ui.length === 0 && pages >= 3, `${user}: ${pages} pages crawled in Korean, ${ui.length} English texts of the interface`
        + (DATA_STRICT ? '' : `; ${data.length} of the demo data and instrument files (HEARTH_CRAWL_DATA=1 fails on them)`),
        (DATA_STRICT ? found : [...ui, ...data.slice(0, 5).map((f) => `(data) ${f}`)]).map((f) => `${user} ${f}`));
    } catch (e) {
      tap(false, `${user}: the crawl ran`, [String(e.stack || e), String(e.cause || '')]);
    }
  }
}

const timer = setTimeout(() => {
  tap(false, `the crawl finished within ${OVERALL_MS / 1000} s`);
  finish();
}, OVERALL_MS);
async function finish() {
  clearTimeout(timer);
  if (state.browser) await state.browser.close().catch(() => {});
  await stopServer().catch(() => {});
  if (state.tmp && process.env.HEARTH_CRAWL_KEEP !== '1') fs.rmSync(state.tmp, { recursive: true, force: true });
  console.log(`1..${tapN}`);
  process.exit(failed ? 1 : 0);
}
main().catch((e) => tap(false, 'setup: Korean demo data and server', [String(e.stack || e)])).finally(finish);
