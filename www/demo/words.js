// The demo pages' own words in both languages, as a store's theme would
// translate them, and the language switch both pages share: it turns the
// page right-to-left, tells the widget, and survives the trip to the pay
// page and back.
const WORDS = {
  en: {
    store: 'Demo store', title: 'Wireless headphones', blurb: 'Noise-cancelling, black. Pay now or split it with Amwal.',
    before: "Before checkout: the product page's installment line", model: 'Model', standard: 'Standard',
    pro: 'Pro', studio: 'Studio', earbuds: 'Earbuds (below the minimum)', cart: 'Cart', quantity: 'Quantity',
    checkout: 'Checkout: the widget with a payment link', terms: 'Terms',
    termsText: 'A demo: no money moves. A real store links its own installment terms here.',
  },
  ar: {
    store: 'متجر تجريبي', title: 'سماعات لاسلكية', blurb: 'عازلة للضوضاء، سوداء. ادفع الآن أو قسّط المبلغ مع أموال.',
    before: 'قبل الدفع: سطر التقسيط في صفحة المنتج', model: 'الطراز', standard: 'عادي', pro: 'برو',
    studio: 'استوديو', earbuds: 'سماعات أذن (أقل من الحد الأدنى)', cart: 'السلة', quantity: 'الكمية',
    checkout: 'الدفع: الأداة مع رابط دفع', terms: 'الشروط',
    termsText: 'صفحة تجريبية: لا تنتقل أي أموال. يضع المتجر الحقيقي هنا رابط شروط التقسيط لديه.',
  },
};

/** Sets the page's language everywhere; `then(lang)` runs after. */
export function languageSwitch(then = () => {}) {
  const set = (lang) => {
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
    for (const el of document.querySelectorAll('[data-t]')) el.textContent = WORDS[lang][el.dataset.t];
    for (const el of document.querySelectorAll('[data-t-label]')) el.setAttribute('aria-label', WORDS[lang][el.dataset.tLabel]);
    for (const el of document.querySelectorAll('amwal-installments')) el.setAttribute('lang', lang);
    for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
    sessionStorage.setItem('demo-lang', lang);
    then(lang);
  };
  const saved = sessionStorage.getItem('demo-lang');
  set(saved === 'ar' ? 'ar' : 'en');
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.addEventListener('click', () => set(button.dataset.lang));
  }
}
