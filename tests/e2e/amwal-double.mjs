// An Amwal-compatible server ("the double"), written from Amwal's documents
// alone (/work/shared/amwal-api: the two seed documents, BEYOND-THE-SEEDS.md
// and its examples), so the proxy can be tested against something that shares
// no code with it. No npm dependencies: node:http and node:crypto only.
//
//   const double = await startAmwalDouble({ secretKey, storeId, allowedOrigins });
//   // point the proxy's API base at double.base and its pay base at double.payBase
//
// Where the documents are silent, the choice made here is marked "Undocumented:".
import http from 'node:http';
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const generateKeyPair = promisify(crypto.generateKeyPair);

/** The seven callback fields that are signed (BEYOND-THE-SEEDS, "Callbacks"). */
export const SIGNED_FIELDS = ['amount', 'client_first_name', 'client_last_name', 'payment_link_id',
  'payment_option', 'status', 'transaction_id'];
const UNFINISHED = new Set(['initiated', 'pending', 'redirected']);
const EVENTS = ['order.created', 'order.success', 'order.failed', 'order.updated', 'order.disputed',
  'installment.tracker.approved', 'installment.tracker.rejected'];
const MAX_ATTEMPTS = 5;
const DELIVERY_TIMEOUT_MS = 30_000;
const MAX_BODY = 1 << 20;
const PAY_IN_FULL = 'Pay In Full';
const KEY_MESSAGE = 'Store this private key securely. It will not be shown again.';
const LINK_EXPIRED = {
  error: 'Payment link expired',
  error_code: 'LINK_EXPIRED',
  message: 'This payment link has expired. Please contact the merchant to request a new payment link.',
};
// Undocumented: what resolving a paid single-use link answers. Chosen here in
// the documented three-field error shape.
const LINK_ALREADY_PAID = {
  error: 'Payment link already paid',
  error_code: 'LINK_ALREADY_PAID',
  message: 'This payment link has already been paid.',
};

// ---------------------------------------------------------------------------
// Canonical text of a link callback: Python's json.dumps(d, sort_keys=True)
// with its default ensure_ascii=True, over exactly the seven fields.

/** A JSON string as Python's ensure_ascii encoder writes it: only 0x20..0x7e
 * pass through; everything else is \uXXXX in lowercase hex, per UTF-16 code
 * unit (so characters beyond the BMP become surrogate pairs, as in Python). */
export function pyJsonString(s) {
  const short = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const code = s.charCodeAt(i);
    if (short[ch]) out += short[ch];
    else if (code >= 0x20 && code <= 0x7e) out += ch;
    else out += `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

function pyJsonValue(v) {
  if (typeof v === 'string') return pyJsonString(v);
  if (v === null) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  // Floats print differently in Python and JS; Amwal sends strings here.
  if (Number.isSafeInteger(v)) return String(v);
  throw new TypeError(`no canonical form for ${typeof v} ${v}`);
}

/** The text Amwal signs for a link callback body (an object). */
export function canonicalCallbackText(body) {
  const members = [...SIGNED_FIELDS].sort()
    .map((k) => `${pyJsonString(k)}: ${pyJsonValue(body[k] ?? null)}`);
  return `{${members.join(', ')}}`;
}

/** base64 RSA-PSS, SHA-256, MGF1-SHA-256, maximum salt length. */
export function pssSign(privateKey, text) {
  return crypto.sign('sha256', Buffer.from(text, 'utf8'), {
    key: privateKey,
    padding: crypto.constants.RSA_PKCS1_PSS_PADDING,
    saltLength: crypto.constants.RSA_PSS_SALTLEN_MAX_SIGN,
  }).toString('base64');
}

// ---------------------------------------------------------------------------
// Amounts: decimal text in, decimal text out, never through a float.

const NUMBER = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** Rounds a decimal literal ("299.99", "2.9999E2") to `places` decimals,
 * half to even (Python's Decimal default). Returns null if it isn't one. */
export function toFixedDecimal(literal, places) {
  const m = NUMBER.exec(literal);
  if (!m) return null;
  const exp = Number(m[3] ?? 0);
  if (Math.abs(exp) > 100) return null; // far beyond any amount; refuse instead of computing
  const frac = m[2] ?? '';
  let units = BigInt(m[1] + frac);
  const shift = exp - frac.length + places; // value * 10^places = units * 10^shift
  if (shift >= 0) {
    units *= 10n ** BigInt(shift);
  } else {
    const d = 10n ** BigInt(-shift);
    const q = units / d;
    const r2 = (units % d) * 2n;
    units = r2 > d || (r2 === d && q % 2n === 1n) ? q + 1n : q;
  }
  const negative = literal.startsWith('-') && units !== 0n;
  const digits = units.toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const fraction = places ? `.${digits.slice(-places)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

function scaled(fixed) {
  return BigInt(fixed.replace('.', ''));
}

/** The raw source text of a top-level number member of a JSON object (the
 * last one, as JSON.parse keeps the last duplicate), or undefined. */
export function rawTopLevelNumber(text, key) {
  let depth = 0;
  let expectKey = false;
  let currentKey = null;
  let found;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      if (depth === 1 && expectKey) {
        currentKey = JSON.parse(text.slice(i, end));
        expectKey = false;
      }
      i = end - 1;
    } else if (c === '{' || c === '[') {
      depth++;
      if (depth === 1) expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      depth--;
    } else if (c === ',' && depth === 1) {
      expectKey = true;
    } else if (c === ':' && depth === 1 && currentKey === key) {
      const m = /\s*(-?\d[\d.eE+-]*)/y;
      m.lastIndex = i + 1;
      const hit = m.exec(text);
      found = hit ? hit[1] : undefined;
    }
  }
  return found;
}

function stringEnd(text, start) {
  let j = start + 1;
  while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
  return j + 1;
}

// ---------------------------------------------------------------------------
// Small helpers.

/** Amwal's timestamps: Riyadh wall time with microseconds and +03:00
 * ("2025-01-28T12:42:43.538320+03:00"); Riyadh has no daylight saving. */
function amwalTime(ms = Date.now()) {
  return `${new Date(ms + 3 * 3600_000).toISOString().slice(0, 23)}000+03:00`;
}

/** Webhook timestamps: UTC, seconds, "Z" (the documented example). */
function utcTime(ms = Date.now()) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** ms since epoch, or null. Undocumented: a datetime without offset is read as
 * Riyadh time (+03:00), as a Django backend with that time zone would. */
function parseExpiry(text) {
  if (!ISO_DATETIME.test(text)) return null;
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}+03:00`;
  const ms = Date.parse(withZone.replace(' ', 'T'));
  return Number.isNaN(ms) ? null : ms;
}

function isHttpUrl(s) {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

function originOf(s) {
  try {
    return new URL(s).origin;
  } catch {
    return null;
  }
}

const codePoints = (s) => [...s].length; // Python counts code points, JS's length UTF-16 units

function escapeHtml(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function sha256Hex(buf) {
  return crypto.createHash('sha256').update(buf).digest('hex');
}

// ---------------------------------------------------------------------------

/**
 * Starts the double on 127.0.0.1, on a free port.
 * @param {{ secretKey: string, storeId: string, allowedOrigins: string[],
 *   retryScale?: number, resolveStatus?: 'initiated'|'pending',
 *   legacyTransactionsPath?: boolean, currency?: string }} options
 */
export async function startAmwalDouble(options) {
  const opts = {
    retryScale: 1, resolveStatus: 'initiated', legacyTransactionsPath: false, currency: 'SAR', ...options,
  };
  if (!opts.secretKey || !opts.storeId) throw new Error('secretKey and storeId are required');
  if (!UNFINISHED.has(opts.resolveStatus)) throw new Error(`resolveStatus ${opts.resolveStatus}?`);
  const allowed = new Set((opts.allowedOrigins ?? []).map(originOf).filter(Boolean));

  const state = {
    calls: [],
    deliveries: [],
    links: new Map(),
    transactions: new Map(),
    webhooks: [],
    // Signs link callbacks until a key is registered; then the newest registered key does.
    signer: await newKey(),
    merchantKey: `sandbox-amwal-${crypto.randomUUID()}`,
  };
  const outbox = makeOutbox(opts.retryScale, state.deliveries);

  const routes = [
    { re: /^\/payment_links\/([^/]+)\/create$/, api: true, POST: createLink },
    { re: /^\/payment_links\/transaction\/([^/]+)\/details$/, api: true, GET: transactionDetails },
    { re: /^\/payment_links\/([^/]+)\/resolve$/, api: true, POST: resolveLink },
    { re: /^\/payment_links\/([^/]+)\/details$/, api: true, POST: linkDetails },
    { re: /^\/api\/create-webhook-and-apikey\/$/, api: true, POST: registerWebhook },
    ...(opts.legacyTransactionsPath
      ? [{ re: /^\/transactions\/([^/]+)\/?$/, api: true, GET: transactionDetails }] : []),
    { re: /^\/payment-link\/([^/]+)$/, api: false, GET: hostedPage, POST: hostedOutcome },
  ];

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      console.error('amwal double:', err);
      if (!res.headersSent) send(req, res, 500, { detail: 'A server error occurred.' });
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const base = `http://127.0.0.1:${port}`;

  async function handle(req, res) {
    const path = new URL(req.url, base).pathname;
    const hit = routes.map((r) => ({ r, m: r.re.exec(path) })).find((x) => x.m);
    // Like a Django backend: the URL is resolved first, then authentication.
    if (!hit) return send(req, res, 404, { detail: 'Not found.' });
    if (hit.r.api) {
      const refusal = checkAuth(req);
      if (refusal) return send(req, res, refusal.status, refusal.body);
    }
    const handler = hit.r[req.method];
    if (!handler) return send(req, res, 405, { detail: `Method "${req.method}" not allowed.` });
    const raw = await readBody(req);
    if (raw === null) return send(req, res, 413, { detail: 'Request body too large.' });
    const ctx = { req, res, raw, send: (status, body, headers) => send(req, res, status, body, headers) };
    if (hit.r.api) {
      const parsed = parseJsonBody(req, raw);
      if (parsed.error) return ctx.send(parsed.status, parsed.error);
      ctx.json = parsed.json;
    }
    let id;
    try {
      id = decodeURIComponent(hit.m[1] ?? '');
    } catch {
      return ctx.send(404, { detail: 'Not found.' }); // a malformed %-escape names nothing
    }
    return handler(ctx, id);
  }

  function send(req, res, status, body, headers = {}) {
    state.calls.push({ method: req.method, path: new URL(req.url, base).pathname, status });
    const isText = typeof body === 'string';
    const payload = body === undefined ? '' : isText ? body : JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': isText ? 'text/html; charset=utf-8' : 'application/json',
      'Content-Length': Buffer.byteLength(payload),
      ...headers,
    });
    res.end(payload);
  }

  function checkAuth(req) {
    // The secret key travels raw in Authorization: "Bearer <key>" is refused too.
    if (req.headers.authorization !== opts.secretKey) {
      return { status: 401, body: { detail: 'Invalid API key' } };
    }
    // Undocumented: no X-Amwal-Key means production at Amwal; the double serves
    // it anyway and refuses only an explicit production key.
    if (String(req.headers['x-amwal-key'] ?? '').startsWith('prod-amwal-')) {
      return { status: 403, body: { detail: 'This is a sandbox: production keys are not accepted here.' } };
    }
    return null;
  }

  // ---- POST /payment_links/{store_id}/create --------------------------------

  function createLink(ctx, storeId) {
    if (storeId !== opts.storeId) return ctx.send(404, { detail: 'Not found.' });
    const d = ctx.json;
    const errors = {};
    const amount = readAmount(d, ctx.raw, errors);
    const text = (field, max) => readString(d, field, max, errors);
    const flag = (field, dflt) => readBoolean(d, field, dflt, errors);
    const link = {
      id: crypto.randomUUID(),
      amount,
      title: text('title', 200),
      description: text('description', 500),
      clientFirstName: text('client_first_name', 50),
      clientLastName: text('client_last_name', 50),
      clientEmail: text('client_email'),
      clientPhoneNumber: text('client_phone_number'),
      orderId: text('order_id', 50),
      callbackUrl: text('callback_url'),
      language: text('language') ?? 'ar',
      singleUse: flag('singleUse', true),
      sendSms: flag('send_sms', true),
      addressRequired: flag('address_required', false),
      metadata: d.metadata ?? null,
      expiryDate: text('selectedDate'),
      expiresAt: null,
      enabled: true,
      createdAt: amwalTime(),
      transactions: [],
    };
    if (link.callbackUrl !== null && !isHttpUrl(link.callbackUrl)) errors.callback_url = ['Enter a valid URL.'];
    if (!['ar', 'en'].includes(link.language)) errors.language = [`"${link.language}" is not a valid choice.`];
    if (link.metadata !== null && (typeof link.metadata !== 'object' || Array.isArray(link.metadata))) {
      errors.metadata = ['Expected a dictionary of items.'];
    }
    if (link.expiryDate !== null) {
      // Undocumented: a date in the past is accepted (the link is then expired at once).
      link.expiresAt = parseExpiry(link.expiryDate);
      if (link.expiresAt === null) {
        errors.selectedDate = ['Datetime has wrong format. Use one of these formats instead: '
          + 'YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].'];
      }
    }
    if (Object.keys(errors).length) return ctx.send(400, errors);
    state.links.set(link.id, link);
    return ctx.send(200, {
      payment_link_id: link.id,
      url: `${base}/payment-link/${link.id}`,
      environment: 'SANDBOX',
    });
  }

  /** The amount as a 5-decimal string, from the body's own digits. */
  function readAmount(d, raw, errors) {
    if (d.amount === undefined || d.amount === null) {
      errors.amount = ['This field is required.'];
      return null;
    }
    // A JSON number is read from the raw text (JSON.parse would round it
    // through a double); a numeric string is accepted too, as Django's
    // DecimalField does. Undocumented: Amwal rounds half to even.
    const literal = typeof d.amount === 'number' ? rawTopLevelNumber(raw, 'amount')
      : typeof d.amount === 'string' ? d.amount.trim() : undefined;
    const fixed = literal === undefined ? null : toFixedDecimal(literal, 5);
    if (fixed === null) {
      errors.amount = ['A valid number is required.'];
      return null;
    }
    if (scaled(fixed) < 1000n) errors.amount = ['Ensure this value is greater than or equal to 0.01.'];
    return fixed;
  }

  // ---- POST /payment_links/{id}/resolve -------------------------------------

  function resolveLink(ctx, id) {
    const link = state.links.get(id);
    // Undocumented: which comes first, an unknown link or a refused origin.
    // The allowed domains belong to the link's merchant, so the link is looked up first.
    if (!link) return ctx.send(404, { detail: 'Not found.' });
    if (!originAllowed(ctx.req)) return ctx.send(403, { error: 'Unauthorized Origin' });
    if (isExpired(link)) return ctx.send(400, LINK_EXPIRED);
    if (link.singleUse && isPaid(link)) return ctx.send(400, LINK_ALREADY_PAID);
    const errors = {};
    const d = ctx.json;
    if (d.device_type !== undefined && !['desktop', 'mobile', 'tablet'].includes(d.device_type)) {
      errors.device_type = [`"${d.device_type}" is not a valid choice.`];
    }
    const context = d.customer_context ?? {};
    const returnUrl = context.return_url;
    if (returnUrl !== undefined && returnUrl !== null && !isHttpUrl(returnUrl)) {
      errors.customer_context = { return_url: ['Enter a valid URL.'] };
    }
    if (Object.keys(errors).length) return ctx.send(400, errors);
    const tx = openTransaction(link);
    if (returnUrl) tx.returnUrl = returnUrl;
    return ctx.send(200, { transaction: resolveView(tx, link), payment_interface: 'web' });
  }

  function originAllowed(req) {
    const origin = req.headers.origin ?? originOf(req.headers.referer ?? '');
    return origin !== null && origin !== undefined && allowed.has(originOf(origin));
  }

  /** The link's unfinished transaction, or a new one. */
  function openTransaction(link) {
    const latest = link.transactions.at(-1);
    if (latest && UNFINISHED.has(latest.status)) return latest;
    const tx = {
      id: crypto.randomUUID(),
      linkId: link.id,
      // The order's id at Amwal: the top-level "id" of its webhooks. Undocumented
      // how it relates to the transaction; one order per transaction here.
      orderId: `amwal_order_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`,
      amount: link.amount,
      status: opts.resolveStatus,
      // The resolve seed's example writes CREDIT_CARD; paid transactions in the
      // other examples say Card. Both are used, each where its example shows it.
      paymentMethod: 'CREDIT_CARD',
      paymentOption: null,
      paymentBrand: null,
      createdAt: amwalTime(),
      returnUrl: null,
    };
    link.transactions.push(tx);
    state.transactions.set(tx.id, tx);
    return tx;
  }

  function resolveView(tx, link) {
    return {
      id: tx.id,
      amount: tx.amount,
      status: tx.status,
      payment_method: tx.paymentMethod,
      created_at: tx.createdAt,
      client_email: link.clientEmail,
      client_first_name: link.clientFirstName,
      client_last_name: link.clientLastName,
      client_phone_number: link.clientPhoneNumber,
    };
  }

  // ---- GET /payment_links/transaction/{id}/details (and /transactions/{id}) -

  function transactionDetails(ctx, id) {
    const tx = state.transactions.get(id);
    if (!tx) return ctx.send(404, { detail: 'Not found.' });
    const link = state.links.get(tx.linkId);
    return ctx.send(200, {
      id: tx.id,
      amount: tx.amount,
      // Undocumented: total_amount is the amount at 2 decimals even before payment.
      total_amount: toFixedDecimal(tx.amount, 2),
      refunded_amount: '0.00',
      discount: '0.00000',
      fees: '0.00000',
      shipping: '0.00000',
      taxes: '0.00000',
      status: tx.status,
      payment_method: tx.paymentMethod,
      payment_option: tx.paymentOption,
      paymentBrand: tx.paymentBrand,
      is_refundable: tx.status === 'success',
      ref_id: link.orderId,
      order_details: null,
      client_first_name: link.clientFirstName,
      client_last_name: link.clientLastName,
      client_email: link.clientEmail,
      client_phone_number: link.clientPhoneNumber,
      created_at: tx.createdAt,
      merchant_key: state.merchantKey,
      merchant_business_name: 'Amwal Double Shop',
      merchant_country_code: 'SA',
      hyperpay_checkout_id: null,
      address_details: null,
    });
  }

  // ---- POST /payment_links/{id}/details -------------------------------------

  function linkDetails(ctx, id) {
    const link = state.links.get(id);
    if (!link) return ctx.send(404, { detail: 'Not found.' });
    const errors = {};
    const page = readPositiveInt(ctx.json, 'page', 1, errors);
    // Undocumented: a page holds at most 100 transactions.
    const pageSize = Math.min(readPositiveInt(ctx.json, 'page_size', 10, errors), 100);
    if (Object.keys(errors).length) return ctx.send(400, errors);
    // Newest first; a page past the end is empty (undocumented).
    const newestFirst = [...link.transactions].reverse();
    const slice = newestFirst.slice((page - 1) * pageSize, page * pageSize);
    return ctx.send(200, {
      payment_link: {
        id: link.id,
        amount: link.amount,
        title: link.title,
        description: link.description,
        single_use: link.singleUse,
        enabled: link.enabled,
        expiry_date: link.expiryDate,
        created_at: link.createdAt,
        status: isPaid(link) ? 'Paid' : isExpired(link) ? 'Expired' : 'Unpaid',
        is_expired: isExpired(link),
        merchant_country_code: 'SA',
      },
      transactions: slice.map((tx) => ({
        id: tx.id,
        amount: tx.amount,
        status: tx.status,
        payment_method: tx.paymentMethod,
        payment_option: tx.paymentOption,
        created_at: tx.createdAt,
      })),
    });
  }

  // ---- POST /api/create-webhook-and-apikey/ ---------------------------------

  async function registerWebhook(ctx) {
    const d = ctx.json;
    const errors = {};
    const url = readString(d, 'url', 200, errors);
    if (url === null) errors.url ??= ['This field is required.'];
    else if (!isHttpUrl(url)) errors.url = ['Enter a valid URL.'];
    // Undocumented: no event_type_names means every event.
    const names = d.event_type_names ?? EVENTS;
    if (!Array.isArray(names)) errors.event_type_names = ['Expected a list of items.'];
    else {
      const unknown = names.filter((n) => !EVENTS.includes(n));
      if (unknown.length) errors.event_type_names = unknown.map((n) => `"${n}" is not a valid choice.`);
    }
    const description = readString(d, 'description', 500, errors);
    const keyName = readString(d, 'api_key_name', 100, errors) ?? 'webhook key';
    if (Object.keys(errors).length) return ctx.send(400, errors);

    const key = await newKey();
    const webhook = { id: crypto.randomUUID(), url, description, events: new Set(names), key,
      apiKeyId: crypto.randomUUID(), apiKeyName: keyName };
    state.webhooks.push(webhook);
    state.signer = key;
    // Undocumented: 201 Created (a REST framework's create); a proxy should accept any 2xx.
    return ctx.send(201, {
      webhook: { id: webhook.id, url, description },
      api_key: { id: webhook.apiKeyId, name: keyName, fingerprint: key.fingerprint,
        private_key: key.privateKeyPem, message: KEY_MESSAGE },
    });
  }

  // ---- The hosted pay page: GET/POST /payment-link/{id} ---------------------

  function hostedPage(ctx, id) {
    const link = state.links.get(id);
    const refusal = hostedRefusal(link);
    if (refusal) return ctx.send(refusal.status, page(refusal.title, refusal.text));
    // Undocumented: opening the page directly (no resolve) starts a transaction too.
    const tx = openTransaction(link);
    const body = `<p>${escapeHtml(link.description)}</p>
<p>Amount: <strong>${escapeHtml(tx.amount)} ${escapeHtml(opts.currency)}</strong></p>
<form method="post" action="/payment-link/${encodeURIComponent(link.id)}">
  <button name="outcome" value="pay">Pay</button>
  <button name="outcome" value="fail">Fail</button>
</form>`;
    return ctx.send(200, page(link.title ?? 'Payment', body));
  }

  function hostedOutcome(ctx, id) {
    const link = state.links.get(id);
    const refusal = hostedRefusal(link, { paidIsRefused: false });
    if (refusal) return ctx.send(refusal.status, page(refusal.title, refusal.text));
    const outcome = new URLSearchParams(ctx.raw).get('outcome');
    if (outcome !== 'pay' && outcome !== 'fail') {
      return ctx.send(400, page('Bad request', '<p>outcome must be pay or fail.</p>'));
    }
    const tx = link.transactions.at(-1) ?? openTransaction(link);
    // A settled transaction is final: paying it again (or failing it) is a conflict.
    // Undocumented: after a failure, the customer reloads the page (GET) for a new attempt.
    if (!UNFINISHED.has(tx.status)) {
      return ctx.send(409, page('Already settled', `<p>This transaction is already ${escapeHtml(tx.status)}.</p>`));
    }
    settle(tx, outcome === 'pay' ? 'success' : 'fail');
    sendCallback(link, tx);
    sendWebhooks(link, tx);
    if (tx.returnUrl) return ctx.send(303, '', { Location: tx.returnUrl });
    const word = tx.status === 'success' ? 'Payment successful' : 'Payment failed';
    return ctx.send(200, page(word, `<p id="result">${word}.</p>`));
  }

  function hostedRefusal(link, { paidIsRefused = true } = {}) {
    if (!link) return { status: 404, title: 'Not found', text: '<p>No such payment link.</p>' };
    if (isExpired(link)) return { status: 400, title: 'Expired', text: `<p>${LINK_EXPIRED.message}</p>` };
    if (paidIsRefused && link.singleUse && isPaid(link)) {
      return { status: 409, title: 'Already paid', text: '<p>This payment link has already been paid.</p>' };
    }
    return null;
  }

  function settle(tx, status) {
    tx.status = status;
    tx.paymentMethod = 'Card';
    tx.paymentOption = PAY_IN_FULL;
    tx.paymentBrand = status === 'success' ? 'MASTER' : null;
  }

  // ---- Outgoing deliveries ---------------------------------------------------

  function sendCallback(link, tx) {
    if (!link.callbackUrl) return;
    // Members in an unsorted order and compact, unlike the signed text: the
    // receiver must rebuild the canonical text, not sign-check the body.
    const body = {
      transaction_id: tx.id,
      status: tx.status,
      payment_link_id: link.id,
      amount: tx.amount,
      currency: opts.currency,
      client_first_name: link.clientFirstName ?? '',
      client_last_name: link.clientLastName ?? '',
      payment_option: tx.paymentOption,
      created_at: tx.createdAt,
    };
    const signature = pssSign(state.signer.privateKey, canonicalCallbackText(body));
    outbox.deliver({
      url: link.callbackUrl,
      kind: 'link_callback',
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', 'X-Signature': signature },
    });
  }

  function sendWebhooks(link, tx) {
    const eventType = tx.status === 'success' ? 'order.success' : 'order.failed';
    for (const hook of state.webhooks.filter((h) => h.events.has(eventType))) {
      const body = JSON.stringify({
        event_type: eventType,
        id: tx.orderId,
        timestamp: utcTime(),
        data: {
          id: tx.id,
          ref_id: link.orderId,
          merchant_order_id: link.orderId,
          amount: tx.amount,
          currency: opts.currency,
          status: tx.status,
          payment_method: tx.paymentMethod,
          payment_option: tx.paymentOption,
          ...(tx.status === 'fail' ? { failure_reason: 'Card declined' } : {}),
          payment: { transaction_id: tx.id, method: tx.paymentMethod },
        },
      });
      outbox.deliver({
        url: hook.url,
        kind: 'webhook',
        body,
        headers: {
          'Content-Type': 'application/json',
          'X-Signature': pssSign(hook.key.privateKey, body),
          'X-API-Key': hook.key.fingerprint,
        },
      });
    }
  }

  return {
    base,
    payBase: base,
    port,
    calls: state.calls,
    deliveries: state.deliveries,
    links: state.links,
    transactions: state.transactions,
    webhooks: state.webhooks,
    /** The key that signs link callbacks now: generated at start, then the
     * newest key registered through create-webhook-and-apikey. */
    signingKey: () => ({ privateKeyPem: state.signer.privateKeyPem, publicKeyPem: state.signer.publicKeyPem }),
    /** Resolves once no delivery is in flight or waiting for a retry. */
    idle: () => outbox.idle(),
    async close() {
      outbox.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// ---------------------------------------------------------------------------
// Shared by the handlers above.

function isExpired(link) {
  return link.expiresAt !== null && Date.now() >= link.expiresAt;
}

function isPaid(link) {
  return link.transactions.some((tx) => tx.status === 'success');
}

function readString(d, field, max, errors) {
  const v = d[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') {
    errors[field] = ['Not a valid string.'];
    return null;
  }
  if (max !== undefined && codePoints(v) > max) {
    errors[field] = [`Ensure this field has no more than ${max} characters.`];
  }
  return v;
}

function readBoolean(d, field, dflt, errors) {
  const v = d[field];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'boolean') errors[field] = ['Must be a valid boolean.'];
  return v === true;
}

function readPositiveInt(d, field, dflt, errors) {
  const v = d[field];
  if (v === undefined || v === null) return dflt;
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  if (!Number.isInteger(n)) errors[field] = ['A valid integer is required.'];
  else if (n < 1) errors[field] = ['Ensure this value is greater than or equal to 1.'];
  return n;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A REST framework's JSON parsing: an empty body is {}, a non-empty one must
 * be declared application/json (undocumented: else 415) and be a JSON object. */
function parseJsonBody(req, raw) {
  if (raw.trim() === '') return { json: {} };
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    return { status: 415, error: { detail: `Unsupported media type "${type}" in request.` } };
  }
  let json;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    return { status: 400, error: { detail: `JSON parse error - ${err.message}` } };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    const got = Array.isArray(json) ? 'list' : typeof json;
    return { status: 400, error: { non_field_errors: [`Invalid data. Expected a dictionary, but got ${got}.`] } };
  }
  return { json };
}

async function newKey() {
  const { privateKey, publicKey } = await generateKeyPair('rsa', { modulusLength: 2048 });
  return {
    privateKey,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }),
    // Undocumented: what Amwal's fingerprint is. Here: SHA-256, lowercase hex,
    // of the public key's SubjectPublicKeyInfo DER.
    fingerprint: sha256Hex(publicKey.export({ type: 'spki', format: 'der' })),
  };
}

function page(title, body) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`;
}

/** Delivers POSTs by Amwal's rules: a 2xx ends it, a 4xx is final, anything
 * else (5xx, timeout, network error; undocumented: 3xx, not followed) is
 * retried: 5 attempts in all, 2^attempt seconds after attempt n (2, 4, 8, 16),
 * all delays and the 30 s timeout multiplied by `scale`. Undocumented: the
 * 60-a-minute limit is not enforced, and only http:// URLs are delivered. */
function makeOutbox(scale, log) {
  const jobs = new Set();
  const sleeps = new Set();
  const requests = new Set();
  let stopped = false;

  function sleep(ms) {
    return new Promise((resolve) => {
      const entry = { resolve, timer: setTimeout(() => { sleeps.delete(entry); resolve(); }, ms) };
      sleeps.add(entry);
    });
  }

  function post(url, body, headers) {
    return new Promise((resolve) => {
      let req;
      try {
        if (new URL(url).protocol !== 'http:') throw new Error('only http:// is delivered by the double');
        req = http.request(url, { method: 'POST', headers: { ...headers, 'Content-Length': Buffer.byteLength(body) } });
      } catch (err) {
        resolve({ status: null, error: err.message });
        return;
      }
      requests.add(req);
      const done = (outcome) => {
        clearTimeout(timer);
        requests.delete(req);
        resolve(outcome);
      };
      const timer = setTimeout(() => {
        req.destroy();
        done({ status: null, error: 'timeout' });
      }, DELIVERY_TIMEOUT_MS * scale);
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => done({ status: res.statusCode }));
        res.on('error', (err) => done({ status: null, error: err.code ?? err.message }));
      });
      req.on('error', (err) => done({ status: null, error: err.code ?? err.message }));
      req.end(body);
    });
  }

  async function run({ url, kind, body, headers }) {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS && !stopped; attempt++) {
      const outcome = await post(url, body, headers);
      if (stopped) return;
      log.push({ url, kind, attempt, status: outcome.status, error: outcome.error, body, headers, at: new Date().toISOString() });
      const s = outcome.status ?? 0;
      if ((s >= 200 && s < 300) || (s >= 400 && s < 500)) return;
      if (attempt < MAX_ATTEMPTS) await sleep(2 ** attempt * 1000 * scale);
    }
  }

  return {
    deliver(job) {
      const p = run(job).finally(() => jobs.delete(p));
      jobs.add(p);
    },
    async idle() {
      while (jobs.size) await Promise.allSettled([...jobs]);
    },
    stop() {
      stopped = true;
      for (const s of sleeps) {
        clearTimeout(s.timer);
        s.resolve();
      }
      for (const r of requests) r.destroy();
    },
  };
}
