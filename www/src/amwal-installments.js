// <amwal-installments>: the custom element around the wasm widget.
// wasm-bindgen cannot extend HTMLElement, so this small class owns the
// shadow root and forwards its attributes to the wasm's mount().
import init, { mount } from './amwal_installments.js';

const ATTRIBUTES = ['link', 'proxy', 'lang', 'device', 'currency', 'installments',
  'return-url', 'pay-hosts', 'digits', 'calendar', 'riyal-sign', 'theme', 'terms-url',
  'min-amount', 'max-amount', 'timeout-ms'];

// One shared load of the wasm; reset on failure so a later element may retry.
let loading = null;
function load() {
  loading ??= init({ module_or_path: new URL('./amwal_installments_bg.wasm', import.meta.url) })
    .catch((err) => { loading = null; throw err; });
  return loading;
}

const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

export class AmwalInstallments extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  connectedCallback() {
    if (!this.shadowRoot) {
      const root = this.attachShadow({ mode: 'open' });
      const css = document.createElement('link');
      css.rel = 'stylesheet';
      css.href = new URL('./amwal-installments.css', import.meta.url).href;
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
    return options;
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
      await load();
    } catch (err) {
      console.error('amwal-installments: the widget could not load', err);
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
