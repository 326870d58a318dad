// The element's attributes, in the order docs/widget.md lists them; each is
// passed to the wasm as its camelCase option (tests/cases/options.json).
export const ATTRIBUTES = ['link', 'proxy', 'lang', 'device', 'currency', 'installments',
  'return-url', 'pay-hosts', 'digits', 'calendar', 'riyal-sign', 'theme', 'terms-url',
  'min-amount', 'max-amount', 'timeout-ms', 'amount', 'when-ineligible'];
