// Checks the Amwal double against Amwal's documents, with node:crypto alone,
// and against the Python-made signature vectors: no build, no proxy needed.
//   node --test tests/e2e/amwal-double.test.mjs
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  startAmwalDouble, canonicalCallbackText, toFixedDecimal, rawTopLevelNumber,
} from './amwal-double.mjs';

const SECRET = 'sk-test-secret';
const STORE = 'store-123';
const SHOP = 'https://shop.example';
const VECTORS_DIR = new URL('../../crates/proxy/tests/fixtures/signatures/', import.meta.url);
const SEVEN = ['amount', 'client_first_name', 'client_last_name', 'payment_link_id',
  'payment_option', 'status', 'transaction_id'];

// ---- helpers, independent of the double's own code --------------------------

/** json.dumps(d, sort_keys=True) with ensure_ascii, written differently from
 * the double's: JSON.stringify, then every non-ASCII (and DEL) unit escaped. */
function pythonCanonical(body) {
  const esc = (v) => JSON.stringify(v).replace(/[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  // A signed field the body lacks is null (what Python's d.get(k) gives).
  return `{${[...SEVEN].sort().map((k) => `${esc(k)}: ${esc(body[k] ?? null)}`).join(', ')}}`;
}

function verifyPss(publicKey, text, signatureB64, saltLength = crypto.constants.RSA_PSS_SALTLEN_AUTO) {
  return crypto.verify('sha256', Buffer.from(text, 'utf8'),
    { key: publicKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength },
    Buffer.from(signatureB64, 'base64'));
}

async function api(double, method, path, body, headers = {}) {
  const res = await fetch(`${double.base}${path}`, {
    method,
    headers: { Authorization: SECRET, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

const create = (double, body, headers) => api(double, 'POST', `/payment_links/${STORE}/create`, body, headers);
const resolve = (double, id, body = {}, headers = { Origin: SHOP }) =>
  api(double, 'POST', `/payment_links/${id}/resolve`, body, headers);

/** The hosted page's form, as a browser posts it (no redirect following). */
async function hostedPost(double, id, outcome) {
  const res = await fetch(`${double.payBase}/payment-link/${id}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ outcome }).toString(),
    redirect: 'manual',
  });
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

/** A tiny receiver for callbacks and webhooks; `plan(path, n)` picks the
 * status of the n-th request to that path (1-based). */
async function startReceiver(plan = () => 200) {
  const got = [];
  const counts = new Map();
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const n = (counts.get(req.url) ?? 0) + 1;
      counts.set(req.url, n);
      got.push({ path: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = plan(req.url, n);
      if (status === 'hang') return; // never answers: the double must time out
      res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.end(String(status));
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    got,
    on: (path) => got.filter((g) => g.path === path),
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- the vectors made by Python ----------------------------------------------

describe('signature vectors from make_vectors.py', () => {
  const vectors = JSON.parse(readFileSync(new URL('vectors.json', VECTORS_DIR), 'utf8'));
  const publicKey = crypto.createPublicKey(readFileSync(new URL('test-public-key.pem', VECTORS_DIR)));

  test('every signature verifies with node:crypto (salt auto), and fails once tampered', () => {
    assert.ok(vectors.length >= 12);
    for (const v of vectors) {
      assert.ok(verifyPss(publicKey, v.signed_text, v.signature), v.name);
      assert.ok(!verifyPss(publicKey, `${v.signed_text} `, v.signature), `${v.name} tampered`);
      const salt = v.salt === 'max' ? 222 : 32;
      assert.ok(verifyPss(publicKey, v.signed_text, v.signature, salt), `${v.name} salt ${salt}`);
    }
  });

  test('both private-key forms are the public key\'s pair', () => {
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    for (const f of ['test-private-key.pem', 'test-private-key-pkcs1.pem']) {
      const priv = crypto.createPrivateKey(readFileSync(new URL(f, VECTORS_DIR)));
      assert.deepEqual(crypto.createPublicKey(priv).export({ type: 'spki', format: 'der' }), spki, f);
    }
  });

  test('the double\'s canonical text equals Python\'s, escaped form', () => {
    for (const v of vectors.filter((x) => x.kind === 'link_callback')) {
      const body = JSON.parse(v.body);
      if (v.form === 'escaped') assert.equal(canonicalCallbackText(body), v.signed_text, v.name);
      else assert.deepEqual(JSON.parse(canonicalCallbackText(body)), JSON.parse(v.signed_text), v.name);
      assert.equal(pythonCanonical(body), canonicalCallbackText(body), v.name);
    }
    // Amwal's documented example, as copied into the repository.
    const examples = new URL('../../crates/proxy/tests/fixtures/amwal/', import.meta.url);
    const doc = readFileSync(new URL('link-callback.signed-text.txt', examples), 'utf8');
    const docBody = JSON.parse(readFileSync(new URL('link-callback.json', examples), 'utf8'));
    assert.equal(canonicalCallbackText(docBody), doc);
  });
});

describe('amounts, exactly', () => {
  test('decimal literals round to 5 places without float error', () => {
    assert.equal(toFixedDecimal('299.99', 5), '299.99000');
    assert.equal(toFixedDecimal('2.9999E2', 5), '299.99000');
    assert.equal(toFixedDecimal('0.1', 5), '0.10000');
    assert.equal(toFixedDecimal('1e-2', 5), '0.01000');
    assert.equal(toFixedDecimal('1.000005', 5), '1.00000'); // half to even
    assert.equal(toFixedDecimal('1.000015', 5), '1.00002');
    assert.equal(toFixedDecimal('12345678901234567.123456789', 5), '12345678901234567.12346');
    assert.equal(toFixedDecimal('299.99000', 2), '299.99');
    assert.equal(toFixedDecimal('abc', 5), null);
  });

  test('the raw number is read from the body text', () => {
    const raw = '{"meta": {"amount": 1}, "amount" : 0.30000000000000004, "x": [1, {"amount": 2}]}';
    assert.equal(rawTopLevelNumber(raw, 'amount'), '0.30000000000000004');
    assert.equal(rawTopLevelNumber('{"a": "\\"amount\\": 5", "amount": 7.10}', 'amount'), '7.10');
  });
});

// ---- the API -------------------------------------------------------------------

describe('the double, following the documents', () => {
  let double;
  let receiver;
  before(async () => {
    double = await startAmwalDouble({ secretKey: SECRET, storeId: STORE, allowedOrigins: [SHOP], retryScale: 0.01 });
    receiver = await startReceiver((path, n) => {
      if (path === '/flaky') return n === 1 ? 500 : 200;
      if (path === '/refuses') return 400;
      if (path === '/down') return 503;
      if (path === '/hangs') return 'hang';
      return 200;
    });
  });
  after(async () => {
    await double.close();
    await receiver.close();
  });

  // A link created with a callback_url and resolved with a return_url, not paid yet.
  async function resolvedLink(callbackPath, extra = {}) {
    const made = await create(double, {
      amount: 299.99, title: 'Order 1', client_first_name: 'أحمد', client_last_name: 'Sara 🌙 "q" \\',
      order_id: 'ORD-1', callback_url: `${receiver.url}${callbackPath}`, send_sms: false, ...extra,
    });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    const id = made.body.payment_link_id;
    const resolved = await resolve(double, id, { customer_context: { return_url: `${SHOP}/done?o=1` } });
    assert.equal(resolved.status, 200);
    return { id, txId: resolved.body.transaction.id };
  }

  test('authentication: raw secret key only; production keys refused', async () => {
    const path = `/payment_links/${STORE}/create`;
    const none = await api(double, 'POST', path, { amount: 1 }, { Authorization: '' });
    assert.deepEqual([none.status, none.body], [401, { detail: 'Invalid API key' }]);
    const bearer = await api(double, 'POST', path, { amount: 1 }, { Authorization: `Bearer ${SECRET}` });
    assert.equal(bearer.status, 401);
    const prod = await api(double, 'POST', path, { amount: 1 }, { 'X-Amwal-Key': `prod-amwal-${crypto.randomUUID()}` });
    assert.equal(prod.status, 403);
    assert.equal(typeof prod.body.detail, 'string');
    const sandbox = await api(double, 'POST', path, { amount: 1 }, { 'X-Amwal-Key': `sandbox-amwal-${crypto.randomUUID()}` });
    assert.equal(sandbox.status, 200);
  });

  test('create: answer, unknown store, validation in field-map shape', async () => {
    const made = await create(double, { amount: 299.99, title: 'Headphones', singleUse: true });
    assert.equal(made.status, 200);
    const { payment_link_id: id, url, environment } = made.body;
    assert.match(id, /^[0-9a-f-]{36}$/);
    assert.equal(url, `${double.payBase}/payment-link/${id}`);
    assert.equal(environment, 'SANDBOX');
    assert.equal(double.links.get(id).amount, '299.99000');

    // The amount's own digits, not a float's (a double would give ...568 here).
    const exact = await create(double, '{"title": "x", "amount": 12345678901234567.123454}');
    assert.equal(double.links.get(exact.body.payment_link_id).amount, '12345678901234567.12345');

    const unknown = await api(double, 'POST', '/payment_links/nope/create', { amount: 1 });
    assert.deepEqual([unknown.status, unknown.body], [404, { detail: 'Not found.' }]);

    const bad = await create(double, {
      amount: 0.009, client_first_name: 'x'.repeat(51), client_last_name: 'ي'.repeat(51),
      title: 't'.repeat(201), description: 'd'.repeat(501), order_id: 'o'.repeat(51),
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.amount, ['Ensure this value is greater than or equal to 0.01.']);
    for (const f of ['client_first_name', 'client_last_name', 'title', 'description', 'order_id']) {
      assert.ok(Array.isArray(bad.body[f]) && typeof bad.body[f][0] === 'string', f);
    }
    // Limits count characters, not UTF-16 units: 50 emoji are fine.
    const fifty = await create(double, { amount: 0.01, client_first_name: '🌙'.repeat(50) });
    assert.equal(fifty.status, 200, JSON.stringify(fifty.body));
  });

  test('resolve: origins, unknown, expired, same transaction until settled', async () => {
    const { body: { payment_link_id: id } } = await create(double, { amount: 10, client_first_name: 'Ahmed' });
    const refused = await resolve(double, id, {}, { Origin: 'https://evil.example' });
    assert.deepEqual([refused.status, refused.body], [403, { error: 'Unauthorized Origin' }]);
    const noOrigin = await resolve(double, id, {}, {});
    assert.equal(noOrigin.status, 403);

    const byReferer = await resolve(double, id, { device_type: 'mobile' }, { Referer: `${SHOP}/checkout?x=1` });
    assert.equal(byReferer.status, 200);
    const { transaction, payment_interface: pi } = byReferer.body;
    assert.equal(pi, 'web');
    assert.equal(transaction.amount, '10.00000');
    assert.equal(transaction.status, 'initiated');
    assert.equal(transaction.client_first_name, 'Ahmed');
    assert.match(transaction.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+03:00$/);
    const again = await resolve(double, id);
    assert.equal(again.body.transaction.id, transaction.id);

    const unknown = await resolve(double, crypto.randomUUID());
    assert.deepEqual([unknown.status, unknown.body], [404, { detail: 'Not found.' }]);

    const old = await create(double, { amount: 10, selectedDate: '2020-01-01T00:00:00Z' });
    const expired = await resolve(double, old.body.payment_link_id);
    assert.equal(expired.status, 400);
    assert.equal(expired.body.error_code, 'LINK_EXPIRED');
    assert.equal(typeof expired.body.message, 'string');
  });

  test('resolveStatus pending, and the legacy /transactions path only when asked', async () => {
    const other = await startAmwalDouble({ secretKey: SECRET, storeId: STORE, allowedOrigins: [SHOP],
      resolveStatus: 'pending', legacyTransactionsPath: true });
    try {
      const { body: { payment_link_id: id } } = await create(other, { amount: 5 });
      const { body: { transaction } } = await resolve(other, id);
      assert.equal(transaction.status, 'pending');
      const legacy = await api(other, 'GET', `/transactions/${transaction.id}`);
      assert.equal(legacy.status, 200);
      assert.equal(legacy.body.id, transaction.id);
    } finally {
      await other.close();
    }
    const { txId } = await resolvedLink('/ok');
    const absent = await api(double, 'GET', `/transactions/${txId}`);
    assert.deepEqual([absent.status, absent.body], [404, { detail: 'Not found.' }]);
  });

  test('pay: details before and after, link callback signed over the canonical text, redirect', async () => {
    const { id, txId } = await resolvedLink('/ok');
    const before = await api(double, 'GET', `/payment_links/transaction/${txId}/details`);
    assert.equal(before.status, 200);
    assert.equal(before.body.status, 'initiated');
    assert.equal(before.body.ref_id, 'ORD-1');
    const linkBefore = await api(double, 'POST', `/payment_links/${id}/details`, { page: 1, page_size: 10 });
    assert.equal(linkBefore.body.payment_link.status, 'Unpaid');

    const page = await fetch(`${double.payBase}/payment-link/${id}`).then((r) => r.text());
    assert.match(page, /<button name="outcome" value="pay">Pay<\/button>/);
    assert.match(page, /299\.99000/);

    const paid = await hostedPost(double, id, 'pay');
    assert.deepEqual([paid.status, paid.location], [303, `${SHOP}/done?o=1`]);
    await double.idle();

    const [cb] = receiver.on('/ok').filter((g) => JSON.parse(g.body).transaction_id === txId);
    const body = JSON.parse(cb.body);
    assert.equal(cb.headers['content-type'], 'application/json');
    assert.deepEqual(
      [body.amount, body.status, body.payment_link_id, body.payment_option, body.client_first_name],
      ['299.99000', 'success', id, 'Pay In Full', 'أحمد'],
    );
    const text = pythonCanonical(body);
    assert.match(text, /\\u0623\\u062d\\u0645\\u062f/); // Arabic as lowercase \u escapes
    assert.match(text, /\\ud83c\\udf19/); // the emoji as a surrogate pair
    const { publicKeyPem } = double.signingKey();
    assert.ok(verifyPss(publicKeyPem, text, cb.headers['x-signature']), 'signature over canonical text');
    assert.ok(verifyPss(publicKeyPem, text, cb.headers['x-signature'], 222), 'salt is the maximum');
    assert.ok(!verifyPss(publicKeyPem, cb.body, cb.headers['x-signature']), 'not over the raw body');

    const after = await api(double, 'GET', `/payment_links/transaction/${txId}/details`);
    assert.deepEqual([after.body.status, after.body.payment_method, after.body.total_amount, after.body.is_refundable],
      ['success', 'Card', '299.99', true]);
    const linkAfter = await api(double, 'POST', `/payment_links/${id}/details`, {});
    assert.equal(linkAfter.body.payment_link.status, 'Paid');
    assert.equal(linkAfter.body.transactions[0].id, txId);

    assert.equal((await hostedPost(double, id, 'pay')).status, 409);
    const reresolve = await resolve(double, id);
    assert.deepEqual([reresolve.status, reresolve.body.error_code], [400, 'LINK_ALREADY_PAID']);
  });

  test('a 500 from the receiver is retried; a 400 is final', async () => {
    const flaky = await resolvedLink('/flaky');
    await hostedPost(double, flaky.id, 'pay');
    const refused = await resolvedLink('/refuses');
    await hostedPost(double, refused.id, 'fail');
    await double.idle();
    await sleep(100); // nothing more comes after idle, even a little later

    const attempts = (path) => double.deliveries.filter((d) => d.url === `${receiver.url}${path}`);
    assert.deepEqual(attempts('/flaky').map((d) => [d.attempt, d.status]), [[1, 500], [2, 200]]);
    assert.deepEqual(attempts('/refuses').map((d) => [d.attempt, d.status]), [[1, 400]]);
    assert.equal(receiver.on('/refuses').length, 1);
    assert.equal(JSON.parse(receiver.on('/refuses')[0].body).status, 'fail');
  });

  test('5xx, timeouts: 5 attempts and no more', async () => {
    const down = await resolvedLink('/down');
    await hostedPost(double, down.id, 'pay');
    const hangs = await resolvedLink('/hangs');
    await hostedPost(double, hangs.id, 'pay');
    await double.idle();
    const on = (path) => double.deliveries.filter((d) => d.url === `${receiver.url}${path}`);
    assert.deepEqual(on('/down').map((d) => d.status), [503, 503, 503, 503, 503]);
    assert.deepEqual(on('/hangs').map((d) => d.error), ['timeout', 'timeout', 'timeout', 'timeout', 'timeout']);
  });

  test('a webhook is registered, then signs webhooks and link callbacks', async () => {
    const reg = await api(double, 'POST', '/api/create-webhook-and-apikey/', {
      url: `${receiver.url}/hook`, description: 'test', event_type_names: ['order.success', 'order.failed'],
      api_key_name: 'k', api_key_scopes: ['trigger_events', 'manage_webhooks'],
    });
    assert.equal(reg.status, 201);
    const { webhook, api_key: key } = reg.body;
    assert.equal(webhook.url, `${receiver.url}/hook`);
    assert.match(key.private_key, /^-----BEGIN PRIVATE KEY-----/);
    const publicKey = crypto.createPublicKey(crypto.createPrivateKey(key.private_key));
    const fingerprint = crypto.createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
    assert.equal(key.fingerprint, fingerprint);
    assert.equal(double.signingKey().privateKeyPem, key.private_key);

    const bad = await api(double, 'POST', '/api/create-webhook-and-apikey/', { event_type_names: ['order.nope'] });
    assert.equal(bad.status, 400);
    assert.ok(bad.body.url && bad.body.event_type_names);

    const { id, txId } = await resolvedLink('/ok', { order_id: 'ORD-77' });
    await hostedPost(double, id, 'fail');
    await double.idle();
    const hook = receiver.on('/hook').find((g) => JSON.parse(g.body).data.id === txId);
    assert.ok(hook, 'webhook delivered');
    assert.equal(hook.headers['x-api-key'], fingerprint);
    assert.ok(verifyPss(publicKey, hook.body, hook.headers['x-signature']), 'webhook signed over raw body');
    const event = JSON.parse(hook.body);
    assert.equal(event.event_type, 'order.failed');
    assert.match(event.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual([event.data.ref_id, event.data.merchant_order_id, event.data.amount, event.data.status,
      event.data.payment.transaction_id], ['ORD-77', 'ORD-77', '299.99000', 'fail', txId]);

    const cb = receiver.on('/ok').find((g) => JSON.parse(g.body).transaction_id === txId);
    assert.ok(verifyPss(publicKey, pythonCanonical(JSON.parse(cb.body)), cb.headers['x-signature']),
      'callback signed with the registered key');
  });

  test('no return_url: a result page; unknown routes and ids: framework 404', async () => {
    const { body: { payment_link_id: id } } = await create(double, { amount: 3 });
    const res = await hostedPost(double, id, 'pay');
    assert.equal(res.status, 200);
    assert.match(res.text, /Payment successful/);
    const missing = await api(double, 'GET', `/payment_links/transaction/${crypto.randomUUID()}/details`);
    assert.deepEqual([missing.status, missing.body], [404, { detail: 'Not found.' }]);
    const route = await api(double, 'GET', '/nowhere');
    assert.equal(route.status, 404);
    assert.ok(double.calls.some((c) => c.path === '/nowhere' && c.status === 404));
  });
});
