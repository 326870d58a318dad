// <amwal-installments>: the custom element around the wasm widget. This is
// the script-tag entry (and `amwal-installments/element` on npm): importing
// it defines the element.
// wasm-bindgen cannot extend HTMLElement, so this small class owns the
// shadow root and forwards its attributes to the wasm's mount().
import { load, stylesheetUrl } from './index.js';
import { mount } from './amwal_installments.js';
import { CSS_INTEGRITY } from './integrity.js';
import { payPageUrl } from './pay-link.js';
import { ATTRIBUTES } from './attributes.js';


const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

/** The pay page for this element's link, or null if the attributes are unsafe. */
function fallbackHref(el) {
  // A blank attribute means the default, as in the wasm's options.
  const hosts = (el.getAttribute('pay-hosts') || '').trim() || 'pay.sa.amwal.tech';
  return payPageUrl((el.getAttribute('link') || '').trim(), hosts);
}

const FALLBACK_TEXT = { en: 'Pay with Amwal', ar: 'ادفع عبر أموال' };

export class AmwalInstallments extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  connectedCallback() {
    if (!this.shadowRoot) {
      const root = this.attachShadow({ mode: 'open' });
      const css = document.createElement('link');
      css.rel = 'stylesheet';
      if (CSS_INTEGRITY) {
        css.integrity = CSS_INTEGRITY;
        css.crossOrigin = 'anonymous';
      }
      css.href = stylesheetUrl;
      root.append(css);
    }
    this.#render();
  }

  disconnectedCallback() {
    this.#unmount();
  }

  // Live attributes: the wasm re-renders in place, and starts over only for
  // a new `link` or `proxy` (resolving again has side effects upstream).
  attributeChangedCallback(_name, before, after) {
    if (before !== after && this.#handle) this.#handle.update(this.options());
  }

  #handle = null;
  #generation = 0;

  options() {
    const options = {};
    for (const name of ATTRIBUTES) {
      const value = this.getAttribute(name);
      if (value !== null) options[camel(name)] = value;
    }
    // The page's language (`<html lang="ar">`) when the element sets none:
    // the wasm cannot see past the shadow root.
    const inherited = this.closest('[lang]')?.getAttribute('lang');
    if (options.lang === undefined && inherited) options.lang = inherited;
    return options;
  }

  #fallback() {
    const href = fallbackHref(this);
    if (!href) return;
    const lang = (this.getAttribute('lang') || this.closest('[lang]')?.lang || 'ar').startsWith('en') ? 'en' : 'ar';
    const box = document.createElement('div');
    box.className = 'amwal-root';
    const a = document.createElement('a');
    a.className = 'fallback';
    a.setAttribute('part', 'fallback');
    a.href = href;
    a.textContent = FALLBACK_TEXT[lang];
    box.append(a);
    this.shadowRoot.append(box);
  }

  #unmount() {
    this.#generation += 1;
    this.#handle?.destroy();
    this.#handle = null;
    this.shadowRoot?.querySelector('.amwal-root')?.remove();
  }

  async #render() {
    this.#unmount();
    const generation = this.#generation;
    try {
      if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available');
      await load();
    } catch (err) {
      // The shopper can still pay: a plain link to Amwal's page.
      console.error('amwal-installments: the widget could not load; showing a plain pay link', err);
      if (generation === this.#generation) this.#fallback();
      return;
    }
    // Removed or re-rendered while the wasm loaded.
    if (generation !== this.#generation || !this.isConnected) return;
    const box = document.createElement('div');
    box.className = 'amwal-root';
    this.shadowRoot.append(box);
    this.#handle = mount(box, this.options());
  }
}

if (!customElements.get('amwal-installments')) {
  customElements.define('amwal-installments', AmwalInstallments);
}
