// <amwal-installments>: the custom element around the wasm widget. This is
// the script-tag entry (and `amwal-installments/element` on npm): importing
// it defines the element.
// wasm-bindgen cannot extend HTMLElement, so this small class owns the
// shadow root and forwards its attributes to the wasm's mount().
import { load, loadMessage, mountLoaded, stylesheetUrl } from './index.js';
import { CSS_INTEGRITY } from './integrity.js';
import { payPageUrl } from './pay-link.js';
import { ATTRIBUTES } from './attributes.js';
import { isMessage, reserve } from './reserve.js';
import { skeletonBox } from './skeleton.js';
import { inTurn } from './turns.js';


const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

/** The pay page for this element's link, or null if the attributes are unsafe. */
function fallbackHref(el) {
  // A blank attribute means the default, as in the wasm's options.
  const hosts = (el.getAttribute('pay-hosts') || '').trim() || 'pay.sa.amwal.tech';
  return payPageUrl((el.getAttribute('link') || '').trim(), hosts);
}

const FALLBACK_TEXT = { en: 'Pay with Amwal', ar: 'ادفع عبر أموال' };

// The wasm is fetched once the page has loaded (its images, among them its
// largest paint): competing with them for bandwidth would delay the store's
// own largest paint. At most 3 s, so a page whose images never finish still
// gets its widget; the element's skeleton holds the space meanwhile. (A
// checkout page's preload hints fetch it early all the same.)
function pageLoaded() {
  const loaded = document.readyState === 'complete' ? Promise.resolve() : new Promise((resolve) => {
    addEventListener('load', resolve, { once: true });
    setTimeout(resolve, 3000);
  });
  // And the frame after it, which paints what the load brought.
  const nextPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return loaded.then(nextPaint);
}

// An Umm al-Qura schedule is written by Intl, whose first formatter loads
// its locale's data (30–40 ms on a slow machine): made here, in a turn of
// its own before the wasm's first render, which then finds the data loaded;
// once per language, however many elements share it. Amounts, counts and
// Gregorian dates are written by the wasm itself. Bad options are left for
// the wasm to report.
const warmed = new Set();
function warmIntl({ lang = 'en', calendar }) {
  if (calendar !== 'islamic-umalqura' || warmed.has(lang)) return;
  warmed.add(lang);
  try {
    new Intl.DateTimeFormat(`${lang}-u-ca-islamic-umalqura`, { dateStyle: 'medium' }).format(0);
  } catch { /* reported by the wasm */ }
}


export class AmwalInstallments extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  connectedCallback() {
    this.#hold();
    if (!this.shadowRoot) {
      const root = this.attachShadow({ mode: 'open' });
      const css = document.createElement('link');
      css.rel = 'stylesheet';
      if (CSS_INTEGRITY) {
        css.integrity = CSS_INTEGRITY;
        css.crossOrigin = 'anonymous';
      }
      // The skeleton only once it is styled: unstyled, it would flash.
      this.#styled = new Promise((resolve) => {
        css.addEventListener('load', resolve, { once: true });
        css.addEventListener('error', resolve, { once: true });
      });
      css.href = stylesheetUrl;
      // Not ahead of the page's own stylesheets and images (its largest
      // paint): the skeleton waits for it, and the space is held meanwhile.
      pageLoaded().then(() => root.append(css));
    }
    this.#render();
  }

  // The card's height, from the attributes, held from the first frame: set
  // through the CSSOM, which a strict CSP allows (it forbids style
  // attributes in markup, not this).
  #hold() {
    this.style.display = 'flex';
    this.style.flexDirection = 'column';
    // The messaging line's size never depends on what it says: contained,
    // its changes never make the page lay out again around it.
    this.style.contain = isMessage(this.#attrs()) ? 'size layout style' : '';
    this.style.minBlockSize = reserve(this.#attrs());
  }

  #attrs() {
    return {
      installments: this.getAttribute('installments'),
      termsUrl: this.getAttribute('terms-url'),
      link: this.getAttribute('link'),
      amount: this.getAttribute('amount'),
    };
  }

  #styled = Promise.resolve();

  disconnectedCallback() {
    this.#unmount();
  }

  // Live attributes: the wasm re-renders in place, and starts over only for
  // a new `link` or `proxy` (resolving again has side effects upstream).
  attributeChangedCallback(name, before, after) {
    if (before === after || !this.isConnected) return;
    if (['installments', 'terms-url', 'link', 'amount'].includes(name)) this.#hold();
    // A line becoming a checkout (a link set) or back is the other module.
    if (this.#message !== isMessage(this.options())) {
      this.#render();
      return;
    }
    this.#handle?.update(this.options());
  }

  #message = false;

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
    // The messaging line has nothing to pay: its reserved line stays empty.
    if (isMessage(this.options())) return;
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
    this.#show(box);
  }

  /** Puts `box` in the shadow root in place of what is there, in one step. */
  #show(box) {
    const shown = this.shadowRoot.querySelector('.amwal-root');
    if (shown) shown.replaceWith(box);
    else this.shadowRoot.append(box);
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
    const message = isMessage(this.options());
    this.#message = message;
    this.#styled.then(() => {
      // The messaging line draws no skeleton: a grid of dozens pulsing
      // would distract, and its text comes in one step.
      if (generation === this.#generation && !this.shadowRoot.querySelector('.amwal-root') && !message) {
        this.#show(skeletonBox(this.options()));
      }
    });
    try {
      if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available');
      await pageLoaded();
      await (message ? loadMessage() : load());
      // Instantiating, warming Intl and the first render in separate
      // turns, none of them long, however many elements wait.
      if (!message) await inTurn(() => warmIntl(this.options()));
    } catch (err) {
      // The shopper can still pay: a plain link to Amwal's page.
      console.error('amwal-installments: the widget could not load; showing a plain pay link', err);
      if (generation === this.#generation) this.#fallback();
      return;
    }
    await inTurn(() => {
      // Removed or re-rendered while the wasm loaded.
      if (generation !== this.#generation || !this.isConnected) return;
      const box = document.createElement('div');
      box.className = 'amwal-root';
      // Mounted first, then swapped for the skeleton in the same task: no
      // frame shows both, or neither.
      this.#handle = mountLoaded(box, this.options());
      this.#show(box);
    });
  }
}

if (!customElements.get('amwal-installments')) {
  customElements.define('amwal-installments', AmwalInstallments);
}
