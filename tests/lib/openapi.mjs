// openapi.mjs: every API answer the tests receive, checked against the OpenAPI document the build merges from
// api/openapi/*.json (build/openapi.json, the one /v1/openapi.json serves): the route and status must be
// documented, the content type one the document lists, a JSON body valid against its schema (ajv, JSON Schema
// 2020-12 as OpenAPI 3.1 uses it). A mismatch throws, naming the call, the status and what does not match.
import { appendFileSync, readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const DOCUMENT_PATH = new URL('../../build/openapi.json', import.meta.url);
const DOC_ID = 'openapi.json';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

let state;  // { doc, ajv, routes, validators } once loaded

// the document and its routes, loaded on first use (make all writes it)
function load() {
  if (state) return state;
  let doc;
  try {
    doc = JSON.parse(readFileSync(DOCUMENT_PATH, 'utf8'));
  } catch (e) {
    throw new Error(`openapi: cannot read ${DOCUMENT_PATH.pathname} (run make all): ${e.message}`);
  }
  // strict off: OpenAPI's own keywords (example, discriminator, xml...) sit in its schemas
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema(doc, DOC_ID);
  const routes = Object.keys(doc.paths || {}).map((template) => ({
    template,
    pointer: `/paths/${escapePointer(template)}`,
    params: (template.match(/\{[^}]+\}/g) || []).length,
    regex: new RegExp('^' + template.split(/\{[^}]+\}/).map(escapeRegex).join('[^/]+') + '$'),
  }));
  // a literal segment wins over a template one: /v1/customers/relationshiprequests before /v1/customers/{id}
  routes.sort((a, b) => a.params - b.params);
  state = { doc, ajv, routes, validators: new Map(), used: new Set() };
  process.on('exit', writeCoverage);
  return state;
}

function escapePointer(s) { return s.replace(/~/g, '~0').replace(/\//g, '~1'); }
function escapeRegex(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

function at(doc, pointer) {
  let v = doc;
  for (const part of pointer.split('/').slice(1)) {
    v = v?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return v;
}

// OBJ at POINTER with OpenAPI's $refs (responses, headers, parameters) followed: { value, pointer }
function deref(doc, value, pointer) {
  for (let hops = 0; value && typeof value.$ref === 'string'; hops++) {
    if (!value.$ref.startsWith('#/') || hops > 20)
      throw new Error(`openapi: cannot follow $ref ${value.$ref} at ${pointer}`);
    pointer = value.$ref.slice(1);
    value = at(doc, pointer);
  }
  return { value, pointer };
}

// the validator of the schema at POINTER, compiled once; its $refs resolve inside the whole document
function validatorAt(s, pointer) {
  let v = s.validators.get(pointer);
  if (!v) {
    v = s.ajv.compile({ $ref: `${DOC_ID}#${pointer}` });
    s.validators.set(pointer, v);
  }
  return v;
}

// the documented route PATH (query dropped) falls under, and its operation for METHOD
function findOperation(s, method, path) {
  const bare = path.split(/[?#]/)[0];
  const route = s.routes.find((r) => r.regex.test(bare));
  if (!route) return { route: null, op: null };
  const m = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
  const item = s.doc.paths[route.template];
  const op = METHODS.includes(m) && item[m] ? { pointer: `${route.pointer}/${m}`, value: item[m], key: `${m.toUpperCase()} ${route.template}` } : null;
  return { route, op };
}

function mediaType(header) { return (header || '').split(';')[0].trim().toLowerCase(); }

function describeErrors(errors) {
  return (errors || []).slice(0, 10).map((e) => `  ${e.instancePath || '(body)'} ${e.message}` +
    (e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : '')).join('\n');
}

// the response documented for STATUS: the operation's (its exact code, its NXX range, its default), or for a
// call the dispatcher refuses before any operation (no such resource: 404; no such method: 405) the shared one
function documentedResponse(s, op, route, status) {
  if (op) {
    const responses = op.value.responses || {};
    const code = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => responses[k]);
    if (!code) return null;
    return deref(s.doc, responses[code], `${op.pointer}/responses/${code}`);
  }
  const shared = !route && status === 404 ? 'NotFound' : route && status === 405 ? 'MethodNotAllowed' : null;
  return shared ? deref(s.doc, s.doc.components.responses[shared], `/components/responses/${shared}`) : null;
}

// Check ANSWER ({status, headers, text, json}) to METHOD PATH against the document; throws when it does not match.
export function checkResponse(method, path, answer) {
  const s = load();
  const where = `${method} ${path} answered ${answer.status}`;
  const { route, op } = findOperation(s, method, path);
  if (route && !op && answer.status !== 405)
    throw new Error(`openapi: ${where}, but ${method} is not documented for ${route.template} in api/openapi/`);
  if (!route && answer.status !== 404)
    throw new Error(`openapi: ${where}, but no path of api/openapi/ matches ${path}`);
  if (op) s.used.add(op.key);
  const response = documentedResponse(s, op, route, answer.status);
  if (!response?.value)
    throw new Error(`openapi: ${where}, a status ${op ? op.key : 'the dispatcher'} does not document in api/openapi/`);
  const content = response.value.content || {};
  const type = mediaType(answer.headers.get('content-type'));
  if (!Object.keys(content).length) {
    if (answer.text) throw new Error(`openapi: ${where} with a ${type} body, but the document gives this answer no body`);
    return;
  }
  if (method.toUpperCase() === 'HEAD' || answer.status === 204 || answer.status === 304) return;  // no body to check
  if (!content[type])
    throw new Error(`openapi: ${where} with Content-Type ${type || '(none)'}; the document lists ${Object.keys(content).join(', ')}`);
  if (type !== 'application/json' || !content[type].schema) return;  // CSV: the type is what can be checked
  const validate = validatorAt(s, `${response.pointer}/content/${escapePointer(type)}/schema`);
  let body;
  try {
    body = JSON.parse(answer.text);
  } catch (e) {
    throw new Error(`openapi: ${where} with a body that is not JSON (${e.message}): ${answer.text.slice(0, 200)}`);
  }
  if (!validate(body))
    throw new Error(`openapi: ${where} with a body that does not match the document:\n${describeErrors(validate.errors)}\n` +
      `body: ${answer.text.slice(0, 500)}`);
}

// The documented operations ("GET /v1/customers/{id}") and whether the tests called them so far.
export function coverage() {
  const s = load();
  const all = [];
  for (const [template, item] of Object.entries(s.doc.paths || {}))
    for (const m of METHODS) if (item[m]) all.push(`${m.toUpperCase()} ${template}`);
  return all.map((op) => ({ op, called: s.used.has(op) }));
}

// Check VALUE against the document's schema NAME (#/components/schemas/NAME): for what no operation answers,
// such as nginx's own refusals on /v1/; throws naming ajv's errors.
export function checkSchema(name, value) {
  const s = load();
  if (!s.doc.components?.schemas?.[name]) throw new Error(`openapi: no schema ${name} in api/openapi/`);
  const validate = validatorAt(s, `/components/schemas/${escapePointer(name)}`);
  if (!validate(value))
    throw new Error(`openapi: ${JSON.stringify(value).slice(0, 300)} is not a ${name}:\n${describeErrors(validate.errors)}`);
}

// Each test file's process adds the operations it called to api-coverage.txt beside the pseudo-locale's pages
// (tests/out/): `sort -u tests/out/api-coverage.txt` against coverage() shows what no test calls.
function writeCoverage() {
  const dir = process.env.TEST_PSEUDO_OUT;
  if (!dir || !state?.used.size) return;
  try {
    appendFileSync(new URL('api-coverage.txt', `file://${dir.replace(/\/?$/, '/')}../`), [...state.used].map((op) => `${op}\n`).join(''));
  } catch { /* a report, not a test */ }
}
