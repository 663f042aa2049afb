// contract: the API's contract checked after the API cases ran (make check, tests/run-all).
//   node tests/api/contract.mjs RECORD.jsonl
// RECORD is what `apitest --record` wrote: every case's request and response. The OpenAPI document
// is the one the server served in that run (GET /api/v1/openapi.json, tests/api/cases/95-contract.t).
// It must pass a real validator (swagger-parser), every schema in it must compile (ajv, JSON Schema
// 2020-12 as OpenAPI 3.1 uses), and every /api/ response of every case must match it: its status
// documented for its method and path (or the problem+json default), its body valid against the
// schema. Prints TAP, one line per case; a mismatch names the case, the request and what differs.
import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020 from 'ajv/dist/2020.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: node tests/api/contract.mjs RECORD.jsonl');
  process.exit(2);
}
const records = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
let n = 0, failed = 0;
function report(ok, name, why = []) {
  n++;
  if (!ok) failed++;
  console.log(`${ok ? '' : 'not '}ok ${n} - ${name}`);
  if (!ok) for (const w of why) console.log(`# ${w}`);
}

const served = records.find((r) => r.method === 'GET' && r.path === '/api/v1/openapi.json' && r.status === 200);
report(!!served, 'contract: the OpenAPI document was served in this run', ['no 200 answer to GET /api/v1/openapi.json was recorded']);
if (!served) finish();
const doc = JSON.parse(served.body);

try {
  await SwaggerParser.validate(structuredClone(doc));
  report(true, 'contract: the OpenAPI document is valid (swagger-parser)');
} catch (e) {
  report(false, 'contract: the OpenAPI document is valid (swagger-parser)', [String(e.message).slice(0, 2000)]);
}

// Each response schema is compiled inside a root that holds the components, so "#/components/..."
// references resolve; the meta-schema check (types, keywords) stays on.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const compiled = new Map();
function validator(schema) {
  if (!compiled.has(schema)) compiled.set(schema, ajv.compile({ ...schema, components: doc.components }));
  return compiled.get(schema);
}
const resolve = (o) => (o && o.$ref ? o.$ref.split('/').slice(1).reduce((x, k) => x[k], doc) : o);

let compileErrors = [];
for (const [p, item] of Object.entries(doc.paths || {}))
  for (const [m, op] of Object.entries(item))
    for (const [st, resp] of Object.entries(op.responses || {}))
      for (const [type, media] of Object.entries(resolve(resp).content || {}))
        try { validator(media.schema); } catch (e) { compileErrors.push(`${m.toUpperCase()} ${p} ${st} ${type}: ${e.message}`); }
report(compileErrors.length === 0, 'contract: every response schema compiles (ajv, JSON Schema 2020-12)', compileErrors);

// Path templates as patterns: {id...} a positive integer, {key...} a key segment.
const templates = Object.keys(doc.paths || {}).map((t) => ({
  t,
  re: new RegExp('^' + t.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\{id\d*\}/g, '[1-9][0-9]{0,14}').replace(/\{key\d*\}/g, '[A-Za-z0-9._-]{1,64}') + '$'),
}));

function check(r) {
  const why = [];
  const path = r.path.split('?')[0];
  const method = r.method.toLowerCase() === 'head' ? 'get' : r.method.toLowerCase();
  const what = `${r.method} ${r.path} -> ${r.status}`;
  const type = (r.type || '').split(';')[0].trim();
  const matches = templates.filter((x) => x.re.test(path));
  const tmpl = matches.find((x) => doc.paths[x.t][method]);
  let schema;
  if (!tmpl) {
    // Not an operation of the document: a 404 (no such path) or 405 (another method), as a problem.
    if (r.status !== 404 && r.status !== 405)
      return [`${what}: no operation for ${method.toUpperCase()} ${path} in the document, yet the answer is not 404/405`];
    schema = resolve(doc.components.responses.Problem).content['application/problem+json'].schema;
    if (type !== 'application/problem+json') return [`${what}: answered ${type}, not application/problem+json`];
  } else {
    const op = doc.paths[tmpl.t][method];
    const resp = resolve(op.responses[String(r.status)] || op.responses.default);
    if (!resp) return [`${what}: status ${r.status} is not documented for ${method.toUpperCase()} ${tmpl.t}`];
    const media = resp.content && resp.content[type];
    if (!media)
      return [`${what}: the document gives ${method.toUpperCase()} ${tmpl.t} status ${r.status} as ` +
        `${Object.keys(resp.content || {}).join(', ') || 'no body'}, the server answered ${type || 'no type'}`];
    schema = media.schema;
  }
  if (r.method === 'HEAD') return why;
  let body = r.body;
  if (type.endsWith('json'))
    try { body = JSON.parse(r.body); } catch { return [`${what}: the body is not JSON: ${r.body.slice(0, 200)}`]; }
  const v = validator(schema);
  if (!v(body))
    for (const e of v.errors.slice(0, 8)) why.push(`${what}: ${e.instancePath || '(body)'} ${e.message} (${e.schemaPath})`);
  return why;
}

const byCase = new Map();
for (const r of records) {
  if (!r.path.startsWith('/api/')) continue; // pages and /metrics are not part of the API document
  if (!byCase.has(r.case)) byCase.set(r.case, []);
  byCase.get(r.case).push(...check(r));
}
for (const [name, why] of byCase) report(why.length === 0, `contract: ${name}`, why);
finish();

function finish() {
  console.log(`1..${n}`);
  console.log(`# ${n - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
