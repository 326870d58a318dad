// Types of the amwal-installments package.

/** Options of `mount`, named as the element's attributes in camelCase. */
export interface AmwalOptions {
  /** The payment link id (UUID): the checkout widget. Without it, `amount` makes the messaging line. */
  link?: string;
  /** Base URL of the merchant's proxy. Default "/amwal". */
  proxy?: string;
  /** "en" or "ar". Default: the page's language, else the browser's, else "ar". */
  lang?: 'en' | 'ar';
  /** Sent in resolve and used for layout. Default: detected. */
  device?: 'desktop' | 'mobile' | 'tablet';
  /** ISO 4217 code when the proxy gives none. Default "SAR". */
  currency?: string;
  /** A count (1-24) or up to six counts to compare, e.g. [3, 6, 12]. Default 4. */
  installments?: number | number[] | string;
  /** Where Amwal sends the shopper back (amwal_return is added). Default: this page. */
  returnUrl?: string;
  /** Allowed pay hosts, host[:port][/prefix]; the first is used. Default "pay.sa.amwal.tech". */
  payHosts?: string | string[];
  digits?: 'latn' | 'arab';
  calendar?: 'gregory' | 'islamic-umalqura';
  riyalSign?: 'text' | 'symbol';
  theme?: 'auto' | 'light' | 'dark';
  /** An https: link shown as "Terms apply". */
  termsUrl?: string;
  /** Eligibility bounds, decimals in the link's currency. */
  minAmount?: string;
  maxAmount?: string;
  /** Request timeout, 1000-120000 ms. Default 10000. */
  timeoutMs?: number | string;
  /** On-site messaging (no `link`): the price on screen, a decimal in the currency ("299.99"). */
  amount?: string | number;
  /** Messaging outside min/max: "explain" (default) shows the bound, "hide" shows nothing. */
  whenIneligible?: 'explain' | 'hide';
}

export interface AmwalWidget {
  /** Re-renders with new options; a new link or proxy starts over. */
  update(options: AmwalOptions): void;
  /** Removes the widget and cancels its timers and requests. */
  destroy(): void;
}

/** Renders the widget into `element`: the checkout with a `link`, the messaging line with an `amount` and no link. */
export function mount(element: Element, options: AmwalOptions): Promise<AmwalWidget>;

/** Loads the checkout widget's wasm ahead of time (mount does it on first use). */
export function load(): Promise<unknown>;

/** Loads the messaging line's (smaller) wasm ahead of time. */
export function loadMessage(): Promise<unknown>;

/** URL of the widget's stylesheet (the element adds it to its shadow root). */
export const stylesheetUrl: string;

/** `detail` of the element's events. Never contains contact data. */
export interface AmwalEventDetail {
  link?: string;
  /** "eligible" / "ineligible": the messaging line's amwal-ready. */
  status: 'pending' | 'redirecting' | 'completed' | 'failed' | 'error' | 'eligible' | 'ineligible';
  transactionId?: string;
  /** Minor units (29999 for SAR 299.99). */
  amount?: number;
  currency?: string;
  alreadyPaid?: boolean;
  /** The messaging line: the plan it shows (the first listed). */
  installments?: number;
  /** On amwal-error. */
  code?: 'network' | 'timeout' | 'busy' | 'expired' | 'not_found' | 'proxy' | 'misconfigured' | 'no_payment_here'
    | 'refunded' | 'partially_refunded' | 'invalid_amount';
}

declare global {
  interface HTMLElementEventMap {
    'amwal-ready': CustomEvent<AmwalEventDetail>;
    'amwal-redirect': CustomEvent<AmwalEventDetail>;
    'amwal-complete': CustomEvent<AmwalEventDetail>;
    'amwal-failed': CustomEvent<AmwalEventDetail>;
    'amwal-error': CustomEvent<AmwalEventDetail>;
  }
}
