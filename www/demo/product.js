// The demo product page's glue: the messaging line follows the price on
// screen, as a store's own scripts would set it (the README's platform
// snippets do this for Salla, WooCommerce, Shopify and Magento).
const product = document.querySelector('amwal-installments.amwal-product');
const cart = document.querySelector('amwal-installments.amwal-cart');
const model = document.getElementById('model');
const quantity = document.getElementById('quantity');
product.setAttribute('min-amount', '100');

// Prices in halalas: the total is exact, then written back as a decimal.
const halalas = (text) => {
  const [whole, fraction = ''] = text.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
};
const decimal = (minor) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
const shown = (minor) => (document.documentElement.lang === 'ar' ? `${decimal(minor)} ر.س` : `SAR ${decimal(minor)}`);

function update() {
  const unit = halalas(model.value);
  const count = Math.min(9, Math.max(1, Number.parseInt(quantity.value, 10) || 1));
  document.getElementById('price').textContent = shown(unit);
  document.getElementById('total').textContent = shown(unit * count);
  product.setAttribute('amount', decimal(unit));
  cart.setAttribute('amount', decimal(unit * count));
}
model.addEventListener('change', update);
quantity.addEventListener('input', update);

// The page's own words, as a store's theme would translate them.
const WORDS = {
  en: {
    store: 'Demo store', title: 'Wireless headphones', model: 'Model', standard: 'Standard', pro: 'Pro',
    studio: 'Studio', earbuds: 'Earbuds (below the minimum)', cart: 'Cart', quantity: 'Quantity',
    checkout: 'Checkout: the widget with a payment link',
  },
  ar: {
    store: 'متجر تجريبي', title: 'سماعات لاسلكية', model: 'الطراز', standard: 'عادي', pro: 'برو',
    studio: 'استوديو', earbuds: 'سماعات أذن (أقل من الحد الأدنى)', cart: 'السلة', quantity: 'الكمية',
    checkout: 'الدفع: الأداة مع رابط دفع',
  },
};

function setLang(lang) {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = WORDS[lang][el.dataset.t];
  for (const el of document.querySelectorAll('[data-t-label]')) el.setAttribute('aria-label', WORDS[lang][el.dataset.tLabel]);
  for (const el of [product, cart]) el.setAttribute('lang', lang);
  sessionStorage.setItem('demo-lang', lang);
  update();
}
const saved = sessionStorage.getItem('demo-lang');
if (saved === 'en' || saved === 'ar') setLang(saved);
for (const button of document.querySelectorAll('[data-lang]')) {
  button.addEventListener('click', () => setLang(button.dataset.lang));
}
