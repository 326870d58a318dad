// The card's height, known from the element's attributes before the wasm or
// the proxy has answered: the stylesheet gives every line of the card a
// fixed block size (texts clamped), so the card takes exactly
//   BASE + rows × ROW (+ PICKER with a list of plans) (+ TERMS with terms-url)
// rem, plus its 2px border, on every device, in both languages. The element
// holds that much space from its first frame; every state fits in it. The
// numbers are the stylesheet's (amwal-installments.css, "fixed lines"), and
// a browser test checks the card against them.
export const LAYOUT = { base: 17.2, row: 2.25, picker: 3.25, terms: 2 };
// The messaging line (an `amount`, no `link`): two lines of text, whatever
// it says, so a price change never moves the page (".amwal[data-mode=message]").
export const MESSAGE_LINE = 2.5;

/** On-site messaging: an `amount` and no `link` (blank counts as none). */
export function isMessage({ link, amount } = {}) {
  return !String(link ?? '').trim() && !!String(amount ?? '').trim();
}
const DEFAULT_ROWS = 4;

/** Rows of the first plan `installments` lists ("4", "3,6,12"); 4 if unreadable. */
export function firstPlanRows(installments) {
  const first = Number.parseInt(String(installments ?? '').split(',')[0], 10);
  return Number.isInteger(first) && first >= 1 && first <= 24 ? first : DEFAULT_ROWS;
}

/** The block size to hold, as CSS: `calc(<rem>rem + 2px)`. */
export function reserve({ installments, termsUrl, link, amount } = {}) {
  if (isMessage({ link, amount })) return `${MESSAGE_LINE}rem`;
  const plans = String(installments ?? '').split(',').filter((p) => p.trim() !== '');
  const rem = LAYOUT.base + LAYOUT.row * firstPlanRows(installments)
    + (plans.length > 1 ? LAYOUT.picker : 0)
    + (termsUrl ? LAYOUT.terms : 0);
  return `calc(${Number(rem.toFixed(4))}rem + 2px)`;
}
