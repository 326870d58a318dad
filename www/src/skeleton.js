// The loading skeleton the element draws before the wasm has loaded, in the
// page's language and direction: the same markup and classes as the wasm's
// own (src/view/skeleton.rs), so the wasm replaces it without a change.
import { firstPlanRows } from './reserve.js';

// The catalogue's Text::Loading (crates/core/src/i18n/mod.rs).
const LOADING = { en: 'Loading your installment plan…', ar: 'جارٍ تحميل خطة التقسيط…' };

function div(className) {
  const el = document.createElement('div');
  el.className = className;
  return el;
}

/** `.amwal-root` holding a skeleton card for these options. */
export function skeletonBox({ lang, installments, theme }) {
  const ar = !String(lang || 'ar').toLowerCase().startsWith('en');
  const box = div('amwal-root');
  const section = document.createElement('section');
  section.className = 'amwal';
  section.lang = ar ? 'ar' : 'en';
  section.dir = ar ? 'rtl' : 'ltr';
  section.dataset.theme = theme || 'auto';
  const card = div('card skeleton');
  card.setAttribute('part', 'card');
  card.setAttribute('aria-busy', 'true');
  const label = document.createElement('span');
  label.className = 'sr-only';
  label.textContent = LOADING[ar ? 'ar' : 'en'];
  card.append(label);
  const bars = ['title', 'description', 'total', 'plan-title'];
  if (String(installments ?? '').includes(',')) bars.push('plans');
  for (let i = 0; i < firstPlanRows(installments); i++) bars.push('row');
  bars.push('note', 'button');
  for (const bar of bars) card.append(div(`bar bar-${bar}`));
  section.append(card);
  box.append(section);
  return box;
}
