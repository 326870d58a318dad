// The element's attributes, written once in tests/cases/options.json: the
// element observes each, the package's types name each option, and the
// manual's table lists each. (The wasm's reading of each option is checked
// against the same table in src/tests/options_table.rs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ATTRIBUTES } from '../../www/src/attributes.js';

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const table = JSON.parse(read('tests/cases/options.json'));

test('the element observes exactly the attributes of the table', () => {
  assert.deepEqual(ATTRIBUTES, table.map((o) => o.attribute));
});

test('the types name every option, and no other', () => {
  const types = read('www/src/index.d.ts');
  const body = types.slice(types.indexOf('interface AmwalOptions'), types.indexOf('export interface AmwalWidget'));
  const named = [...body.matchAll(/^\s+([a-zA-Z]+)\??:/gm)].map((m) => m[1]);
  assert.deepEqual(named.sort(), table.map((o) => o.option).sort());
});

test('the manual lists every attribute', () => {
  const doc = read('docs/widget.md');
  for (const { attribute } of table) {
    assert.match(doc, new RegExp(`^\\| [^|]*\`${attribute}\`[^|]*\\|`, 'm'), attribute);
  }
});
