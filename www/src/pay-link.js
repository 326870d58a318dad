// The pay page the element links to when the wasm cannot run. It repeats
// the wasm's rules (amwal-core's link_id and pay_url): a canonical UUID, and
// host[:port][/prefix] entries, https except on localhost and 127.0.0.1.
// tests/cases/pay-hosts.json is read by the tests of both, so they agree.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^[a-z0-9.-]+$/;
const PORT = /^\d{1,5}$/;
const PREFIX = /^[A-Za-z0-9/_-]+$/;

/** One allowlist entry, or null when it is not host[:port][/prefix]. */
function parsePayHost(raw) {
  const entry = raw.trim();
  const slash = entry.indexOf('/');
  const authority = slash < 0 ? entry : entry.slice(0, slash);
  const prefix = slash < 0 ? '' : entry.slice(slash);
  const colon = authority.indexOf(':');
  const host = colon < 0 ? authority : authority.slice(0, colon);
  const port = colon < 0 ? null : authority.slice(colon + 1);
  const hostOk = HOST.test(host) && !/^[.-]|[.-]$/.test(host) && !host.includes('..');
  const portOk = port === null || (PORT.test(port) && Number(port) > 0 && Number(port) <= 65535);
  const prefixOk = prefix === '' || (PREFIX.test(prefix) && !prefix.endsWith('/')
    && !prefix.split('/').some((s) => s === '.' || s === '..'));
  if (!hostOk || !portOk || !prefixOk) return null;
  const loopback = host === 'localhost' || host === '127.0.0.1';
  return `${loopback ? 'http' : 'https'}://${authority}${prefix}`;
}

/** The pay page of `link` on the first of `payHosts` (a comma list), or
 * null if the link or any entry is unsafe, as the wasm would refuse it. */
export function payPageUrl(link, payHosts) {
  if (!UUID.test(link)) return null;
  const hosts = payHosts.split(',').filter((s) => s.trim() !== '').map(parsePayHost);
  if (hosts.length === 0 || hosts.includes(null)) return null;
  return `${hosts[0]}/payment-link/${link.toLowerCase()}`;
}
