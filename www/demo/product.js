// The demo product page's glue: the messaging line follows the price on
// screen, as a store's own scripts would set it (the README's platform
// snippets do this for Salla, WooCommerce, Shopify and Magento).
import { languageSwitch } from './words.js';

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
// The page prints its prices as a store's theme would, with the browser's Intl.
const shown = (minor) => new Intl.NumberFormat(document.documentElement.lang === 'ar' ? 'ar-SA-u-nu-latn' : 'en',
  { style: 'currency', currency: 'SAR' }).format(decimal(minor));

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

languageSwitch(update);
