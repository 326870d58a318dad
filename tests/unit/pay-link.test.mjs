// The element's fallback pay link against the table the wasm's rule (Rust,
// amwal-core) is tested with: the two cannot drift apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { payPageUrl } from '../../www/src/pay-link.js';

const cases = JSON.parse(readFileSync(new URL('../cases/pay-hosts.json', import.meta.url), 'utf8'));

test('every case of the shared table', () => {
  assert.ok(cases.length > 30);
  for (const { pay_hosts: hosts, link, url } of cases) {
    assert.equal(payPageUrl(link, hosts), url, `${JSON.stringify(hosts)} ${link}`);
  }
});
