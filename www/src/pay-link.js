// The fallback pay link: amwal-core's link-id and pay-host rules, checked
// against the same table as Rust's (tests/cases/pay-hosts.json).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENTRY = /^([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::(\d{1,5}))?((?:\/[\w/-]*[\w-])?)$/;

function base(entry) {
  const m = ENTRY.exec(entry.trim());
  if (!m || m[1].includes('..') || (m[2] && !(m[2] > 0 && m[2] < 65536))) return null;
  const loopback = m[1] === 'localhost' || m[1] === '127.0.0.1';
  return `${loopback ? 'http' : 'https'}://${m[1]}${m[2] ? `:${m[2]}` : ''}${m[3]}`;
}

// The pay page of `link` on the first of `payHosts`, or null if any is unsafe.
export function payPageUrl(link, payHosts) {
  const bases = payHosts.split(',').filter((s) => s.trim()).map(base);
  if (!UUID.test(link) || !bases.length || bases.includes(null)) return null;
  return `${bases[0]}/payment-link/${link.toLowerCase()}`;
}
