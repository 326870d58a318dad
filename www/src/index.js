// amwal-installments, side-effect-free entry: importing this defines no
// element and touches no `window`, so server-side rendering can import it.
// `mount()` loads the wasm on first use.
import init, { mount as mountWasm } from './amwal_installments.js';
import { WASM_INTEGRITY } from './integrity.js';

// One shared load of the wasm; reset on failure so a later call may retry.
let loading = null;

/** Loads (once) and instantiates the widget's wasm. */
export function load() {
  if (!loading) {
    const url = new URL('./amwal_installments_bg.wasm', import.meta.url);
    // A wasm that is not the one built with this script fails to load.
    const wasm = WASM_INTEGRITY ? new Request(url, { integrity: WASM_INTEGRITY }) : url;
    loading = init({ module_or_path: wasm }).catch((err) => { loading = null; throw err; });
  }
  return loading;
}

const OPTION_NAMES = ['link', 'proxy', 'lang', 'device', 'currency', 'installments', 'returnUrl',
  'payHosts', 'digits', 'calendar', 'riyalSign', 'theme', 'termsUrl', 'minAmount', 'maxAmount', 'timeoutMs',
  'amount', 'whenIneligible'];

/** Options as strings (what the wasm reads); unknown names are an error. */
function normalise(options = {}) {
  const out = {};
  for (const [key, value] of Object.entries(options)) {
    if (!OPTION_NAMES.includes(key)) throw new TypeError(`amwal-installments: unknown option "${key}"`);
    if (value !== undefined && value !== null) out[key] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return out;
}

/**
 * Renders the widget into `element` (its content is replaced).
 * Returns `{ update(options), destroy() }`.
 */
export async function mount(element, options) {
  await load();
  const widget = mountWasm(element, normalise(options));
  return {
    update(next) { widget.update(normalise(next)); },
    destroy() { widget.destroy(); },
  };
}

/** The CSS the widget needs, as a URL (the element adds it to its shadow root). */
export const stylesheetUrl = new URL('./amwal-installments.css', import.meta.url).href;
