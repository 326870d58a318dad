// Figure 8 of docs/figures.md: the proxy attacked and unlucky, on loopback,
// beside what the same attacks did before the hardening (as reported then).
// Each part starts the release proxy (embedded sandbox) afresh:
//   A. server time per request (the access log's own timing) with the
//      limiter empty and again once it holds N distinct client addresses;
//   B. a shopper's requests while 500 slow clients hold connections open
//      (reopening each one the server cuts off);
//   C. time from SIGTERM to exit with a client stalled mid-body;
//   D. answers while another process holds the database's lock for 10 s;
//   E. links made by 20 concurrent creates with one Idempotency-Key, and by
//      a retry after a restart.
// Usage: node bench/abuse.mjs [--addresses 100000]   (bench/abuse.sh)
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const flag = (name, dflt) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : dflt);
const ADDRESSES = flag('--addresses', 100_000);
const bin = process.env.AMWAL_PROXY_BIN || `${root}target/release/amwal-proxy`;

function start(extra = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['--port', '0', '--sweep-every-secs', '0', ...extra],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (c) => { err += c; });
    child.stdout.on('data', (c) => {
      out += c;
      const storefront = out.match(/storefront: (\S+)/)?.[1];
      const token = out.match(/admin token[^:]*: (\S+)/)?.[1];
      if (storefront && out.includes('Press Ctrl-C')) {
        const origin = new URL(storefront).origin;
        resolve({ child, origin, api: `${origin}/amwal`, token, log: () => err,
          exited: new Promise((r) => child.on('exit', r)) });
      }
    });
    child.on('exit', (code) => reject(new Error(`proxy exited ${code}: ${out}${err}`)));
  });
}

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const now = () => process.hrtime.bigint();
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const sleep = (t) => new Promise((r) => setTimeout(r, t));

async function pool(n, width, job) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) await job(next++);
  }));
}

/** Server seconds of the access-log lines for `path` after line `from`. */
function serverMicros(log, path, from = 0) {
  return log.split('\n').slice(from)
    .filter((l) => l.includes(` ${path} `))
    .map((l) => Number(l.trim().split(' ').pop().replace('s', '')) * 1e6);
}

async function partA() {
  const p = await start(['--trust-forwarded-for', '--rate-limit', '1000']);
  const health = `${p.api}/healthz`;
  const hit = (i) => fetch(health, { headers: {
    'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` } }).then((r) => r.arrayBuffer());
  await pool(2000, 16, hit);
  const empty = serverMicros(p.log(), '/amwal/healthz');
  const t0 = now();
  await pool(ADDRESSES, 32, (i) => hit(i + 2000));
  const fillSecs = ms(t0) / 1000;
  const linesBefore = p.log().split('\n').length;
  await pool(2000, 16, (i) => hit(ADDRESSES + 2000 + i));
  const full = serverMicros(p.log(), '/amwal/healthz', linesBefore - 1);
  p.child.kill();
  return { empty, full, fillSecs };
}

/** A connection that sends part of its headers and then nothing. */
function slowClient(port, onClose) {
  const s = connect(port, '127.0.0.1', () => s.write('GET /amwal/healthz HTTP/1.1\r\nHost: shop\r\nX-Slow: '));
  s.on('error', () => {});
  s.on('close', onClose);
  return s;
}

async function partB() {
  const p = await start();
  const port = Number(new URL(p.origin).port);
  let holding = true;
  let reopened = 0;
  const sockets = new Set();
  const open = () => {
    const s = slowClient(port, () => {
      sockets.delete(s);
      if (holding) { reopened++; open(); }
    });
    sockets.add(s);
  };
  for (let i = 0; i < 500; i++) open();
  await sleep(500);
  const times = [];
  let served = 0;
  let asked = 0;
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    asked++;
    const t0 = now();
    try {
      const r = await fetch(`${p.api}/healthz`, { signal: AbortSignal.timeout(5000) });
      if (r.ok) { served++; times.push(ms(t0)); }
    } catch { /* not served within 5 s */ }
    await sleep(100);
  }
  holding = false;
  for (const s of sockets) s.destroy();
  p.child.kill();
  return { served, asked, times, reopened };
}

async function partC() {
  const p = await start();
  const port = Number(new URL(p.origin).port);
  const s = connect(port, '127.0.0.1', () => s.write(
    'POST /amwal/callbacks HTTP/1.1\r\nHost: shop\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{'));
  s.on('error', () => {});
  await sleep(300);
  const t0 = now();
  p.child.kill('SIGTERM');
  await p.exited;
  s.destroy();
  return ms(t0) / 1000;
}

async function createLink(p, order, key) {
  const r = await fetch(`${p.api}/payment_links`, {
    method: 'POST',
    headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json',
      ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify({ order_id: order, amount: '120.00', title: 'Chair', send_sms: false }),
  });
  return { status: r.status, body: await r.json() };
}

async function partD() {
  const db = join(mkdtempSync(join(tmpdir(), 'amwal-abuse-')), 'store.sqlite3');
  const p = await start(['--db', db, '--rate-limit', '10000']);
  const links = [];
  for (let i = 0; i < 20; i++) links.push((await createLink(p, `D-${i}`)).body.payment_link_id);
  // Another process takes the write lock for 10 s (a backup, a migration).
  const locker = spawn('python3', ['-c', `import sqlite3, time
db = sqlite3.connect(${JSON.stringify(db)}, isolation_level=None)
db.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(10); db.execute('COMMIT')`],
  { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((r) => locker.stdout.once('data', r));
  const lockedAt = now();
  const statuses = {};
  const resolveTimes = [];
  const healthTimes = [];
  const health = (async () => {
    while (ms(lockedAt) < 9000) {
      const t0 = now();
      await fetch(`${p.api}/healthz`).then((r) => r.arrayBuffer());
      healthTimes.push(ms(t0));
      await sleep(100);
    }
  })();
  await pool(links.length, 20, async (i) => {
    const t0 = now();
    const r = await fetch(`${p.api}/payment_links/${links[i]}/resolve`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const body = await r.json();
    resolveTimes.push(ms(t0));
    const key = `${r.status} ${body.error_code ?? ''}${r.headers.get('retry-after') ? ' (Retry-After)' : ''}`.trim();
    statuses[key] = (statuses[key] ?? 0) + 1;
  });
  await health;
  await new Promise((r) => locker.on('exit', r));
  const after = await fetch(`${p.api}/payment_links/${links[0]}/resolve`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  p.child.kill();
  return { statuses, resolveTimes, healthTimes, afterStatus: after.status };
}

async function partE() {
  const db = join(mkdtempSync(join(tmpdir(), 'amwal-abuse-')), 'store.sqlite3');
  let p = await start(['--db', db, '--rate-limit', '10000']);
  const answers = await Promise.all(Array.from({ length: 20 }, () => createLink(p, 'E-1', 'key-E-1')));
  const made = new Set(answers.filter((a) => a.status === 200).map((a) => a.body.payment_link_id));
  const busy = answers.filter((a) => a.status === 409).length;
  p.child.kill();
  await p.exited;
  const { token } = p;
  p = await start(['--db', db, '--admin-token', token]);
  p.token = token; // a configured token is not printed
  const retry = await createLink(p, 'E-1', 'key-E-1');
  p.child.kill();
  return { made: made.size, busy, sameAfterRestart: made.has(retry.body.payment_link_id) };
}

const row = (what, before, now_) => console.log(`${what.padEnd(46)} ${before.padEnd(30)} ${now_}`);
const f = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '-');

const a = await partA();
const b = await partB();
const c = await partC();
const d = await partD();
const e = await partE();

console.log(`abuse and faults, loopback, release build (${bin.replace(root, '')})`);
row('', 'before (as reported then)', 'now');
row('A server time/request, limiter empty', '24 µs', `p50 ${f(pct(a.empty, 50))} µs, p99 ${f(pct(a.empty, 99))} µs`);
row(`A … with ${ADDRESSES.toLocaleString('en')} addresses held`, '3.1 ms (at 60,000)',
  `p50 ${f(pct(a.full, 50))} µs, p99 ${f(pct(a.full, 99))} µs (filled in ${f(a.fillSecs, 1)} s)`);
row('B shopper served, 500 slow clients, 10 s', 'unreachable while held',
  `${b.served}/${b.asked} served, p50 ${f(pct(b.times, 50))} ms, max ${f(Math.max(...b.times))} ms (${b.reopened} slow reconnects)`);
row('C SIGTERM to exit, a client stalled mid-body', 'never (waited for it)', `${f(c, 1)} s`);
row('D resolves while the store is locked 10 s', 'final 404 "link not found"',
  `${Object.entries(d.statuses).map(([k, v]) => `${v}× ${k}`).join(', ')}; p50 ${f(pct(d.resolveTimes, 50))} ms`);
row('D /healthz while the store is locked', '4.7 s', `p50 ${f(pct(d.healthTimes, 50), 1)} ms, max ${f(Math.max(...d.healthTimes), 1)} ms; after the lock: ${d.afterStatus}`);
row('E links from 20 concurrent creates, one key', '2', `${e.made} (${e.busy}× 409 in progress)`);
row('E the same key after a restart', 'a second, payable link', e.sameAfterRestart ? 'the same link' : 'ANOTHER LINK');
