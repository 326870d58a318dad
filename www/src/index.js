// amwal-installments, side-effect-free entry: importing this defines no
// element and touches no `window`, so server-side rendering can import it.
// `mount()` loads the wasm on first use.
// Two wasm modules: the checkout widget's, and the messaging line's (an
// `amount`, no `link`), small and without Yew, which product pages load.
// Each with its glue imported when first needed, so a bundler splits them
// and a page loads one (the script-tag build inlines both in its module).
import { MESSAGE_WASM_INTEGRITY, WASM_INTEGRITY } from './integrity.js';
import { isMessage } from './reserve.js';

/** One shared load of a wasm and its glue; reset on failure so a later call may retry. */
function loader(glue, url, integrity) {
  const loaded = { module: null, loading: null };
  loaded.load = () => {
    if (!loaded.loading) {
      // A wasm that is not the one built with this script fails to load.
      const wasm = integrity ? new Request(url, { integrity }) : url;
      loaded.loading = glue()
        .then((m) => m.default({ module_or_path: wasm }).then(() => { loaded.module = m; }))
        .catch((err) => { loaded.loading = null; throw err; });
    }
    return loaded.loading;
  };
  return loaded;
}

// Each wasm's URL written out beside its name, so bundlers copy the file.
const checkout = loader(() => import('./amwal_installments.js'),
  new URL('./amwal_installments_bg.wasm', import.meta.url), WASM_INTEGRITY);
const line = loader(() => import('./amwal_message.js'),
  new URL('./amwal_message_bg.wasm', import.meta.url), MESSAGE_WASM_INTEGRITY);

/** Loads (once) and instantiates the checkout widget's wasm. */
export const load = () => checkout.load();
/** Loads (once) and instantiates the messaging line's wasm. */
export const loadMessage = () => line.load();

/**
 * Mounts the checkout widget or the messaging line, as the options say; its
 * wasm must be loaded. For the element (not in the typed API: use `mount`).
 */
export function mountLoaded(element, options) {
  return (isMessage(options) ? line : checkout).module.mount(element, options);
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
 * Renders the widget into `element` (its content is replaced): the checkout
 * widget with a `link`, the messaging line with an `amount` and no link.
 * Returns `{ update(options), destroy() }`.
 */
export async function mount(element, options) {
  const first = normalise(options);
  await (isMessage(first) ? loadMessage() : load());
  let widget = mountLoaded(element, first);
  let message = isMessage(first);
  let pending = null;
  return {
    update(next) {
      const opts = normalise(next);
      if (widget && isMessage(opts) === message) {
        widget.update(opts);
        return;
      }
      // From a line to a checkout or back: the other module, mounted anew
      // with the latest options once it has loaded.
      widget?.destroy();
      widget = null;
      message = isMessage(opts);
      pending = opts;
      (message ? loadMessage() : load()).then(() => {
        if (pending === opts) {
          widget = mountLoaded(element, opts);
          pending = null;
        }
      });
    },
    destroy() { widget?.destroy(); widget = null; pending = null; },
  };
}

/** The CSS the widget needs, as a URL (the element adds it to its shadow root). */
export const stylesheetUrl = new URL('./amwal-installments.css', import.meta.url).href;
