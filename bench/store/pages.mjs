// Pages like a real store's, for measuring what the widget does to them:
// a mobile product page (its photo, the largest paint as on a real store;
// title, price, the widget, then "Add to cart", a description and related
// products) in English and Arabic, and a
// collection page (a grid of products, the widget's script but no element,
// as when a store installs the widget on every page). The messaging pages
// show the on-site line instead: under the product's price, and under each
// of 48 prices of a collection grid. Each page exists with and without the
// widget, differing only by the README's embed snippet. Each page is painted
// once it is parsed whole (`rel=expect … blocking=render`): with a slowed
// CPU the parser otherwise yields and paints half a header, whose growth
// is a layout shift of the page's own, with or without the widget.

const TEXT = {
  en: {
    store: 'Oud & Co.', nav: ['New', 'Audio', 'Home', 'Sale'],
    title: 'Wireless headphones, noise-cancelling', price: 'SAR 299.99', cart: 'Add to cart',
    about: 'About this product',
    body: [
      'Forty hours of battery, fast charging over USB-C, and cushions that stay comfortable on a long flight.',
      'Active noise cancelling in three levels, a transparency mode for announcements, and two devices paired at once.',
      'In the box: the headphones, a travel case, a USB-C cable and a 3.5 mm audio cable.',
    ],
    related: 'You may also like', collection: 'Audio', items: 'Product',
  },
  ar: {
    store: 'عود وشركاه', nav: ['جديد', 'صوتيات', 'المنزل', 'تخفيضات'],
    title: 'سماعات لاسلكية بخاصية عزل الضوضاء', price: '299.99 ر.س', cart: 'أضف إلى السلة',
    about: 'عن هذا المنتج',
    body: [
      'بطارية تدوم أربعين ساعة، وشحن سريع عبر USB-C، ووسائد مريحة في الرحلات الطويلة.',
      'عزل نشط للضوضاء بثلاثة مستويات، ووضع الشفافية لسماع الإعلانات، واقتران جهازين معًا.',
      'في العلبة: السماعات، وحقيبة سفر، وكابل USB-C، وكابل صوت 3.5 ملم.',
    ],
    related: 'قد يعجبك أيضًا', collection: 'صوتيات', items: 'منتج',
  },
};

const escape = (s) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The README's embed snippet: the script tag and, on a product page, the element. */
function widgetHead(script) {
  return `<script type="module" fetchpriority="low" src="${escape(script.src)}" integrity="${escape(script.integrity)}" crossorigin="anonymous"></script>`;
}

function shell({ lang, title, head, body }) {
  const t = TEXT[lang];
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  return `<!doctype html>
<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · ${escape(t.store)}</title>
<link rel="stylesheet" href="/store/store.css">
<link rel="expect" href="#end" blocking="render">
${head}
</head>
<body>
<header><strong>${escape(t.store)}</strong><nav>${t.nav.map((n) => `<a href="#">${escape(n)}</a>`).join('')}</nav></header>
${body}
<footer id="end">© ${escape(t.store)}</footer>
</body>
</html>
`;
}

/** A grid product's price: varied, some splitting evenly, some not. */
export function gridPrice(i) {
  const halalas = 4900 + ((i * 7919) % 240000);
  return `${Math.floor(halalas / 100)}.${String(halalas % 100).padStart(2, '0')}`;
}

function card(t, i, line) {
  const price = line ? gridPrice(i) : null;
  const shown = price ? (t === TEXT.ar ? `${price} ر.س` : `SAR ${price}`) : t.price;
  const photo = `<img class="thumb" src="/store/thumb.png" width="320" height="320" alt="${escape(t.items)} ${i}">`;
  if (!price) {
    return `<a class="item" href="#">${photo}<span>${escape(t.items)} ${i}</span><b>${escape(shown)}</b></a>`;
  }
  // With the line, the card is not one link: its "Learn more" is a button.
  return `<div class="item"><a href="#">${photo}<span>${escape(t.items)} ${i}</span></a><b>${escape(shown)}</b>`
    + `<amwal-installments amount="${price}" currency="SAR"></amwal-installments></div>`;
}

/**
 * A page's HTML. `kind`: 'product' or 'collection'; `widget`: null for the
 * page without it, else `{ script: {src, integrity}, link, proxy }`;
 * `scriptOnly`: the script tag without an element.
 */
export function page({ kind, lang, widget, items = 12, message = false, scriptOnly = false }) {
  const t = TEXT[lang];
  const head = widget ? widgetHead(widget.script) : '';
  if (kind === 'collection') {
    const grid = Array.from({ length: items }, (_, i) => card(t, i + 1, message && widget)).join('\n');
    return shell({ lang, title: t.collection, head,
      body: `<main class="collection"><h1>${escape(t.collection)}</h1><div class="grid">${grid}</div></main>` });
  }
  let element = '';
  if (widget && !scriptOnly) {
    element = message
      ? `<amwal-installments amount="299.99" currency="SAR" lang="${lang}"></amwal-installments>`
      : `<amwal-installments link="${escape(widget.link)}" proxy="${escape(widget.proxy)}" lang="${lang}"></amwal-installments>`;
  }
  const related = Array.from({ length: 4 }, (_, i) => card(t, i + 1)).join('\n');
  return shell({ lang, title: t.title, head, body: `<main class="product">
<img class="image" src="/store/product.png" width="640" height="640" alt="${escape(t.title)}">
<h1>${escape(t.title)}</h1>
<p class="price">${escape(t.price)}</p>
${element}
<button type="button" class="buy">${escape(t.cart)}</button>
<h2>${escape(t.about)}</h2>
${t.body.map((p) => `<p>${escape(p)}</p>`).join('\n')}
<h2>${escape(t.related)}</h2>
<div class="grid">${related}</div>
</main>` });
}

/** Every page the measurements load: name → { kind, lang }. */
export const PAGES = {
  'product-en': { kind: 'product', lang: 'en' },
  'product-ar': { kind: 'product', lang: 'ar' },
  collection: { kind: 'collection', lang: 'en' },
  'message-en': { kind: 'product', lang: 'en', message: true },
  'message-ar': { kind: 'product', lang: 'ar', message: true },
  'collection-48': { kind: 'collection', lang: 'en', items: 48, message: true },
  // The script tag alone: what the first script a page loads costs its LCP.
  'script-only-en': { kind: 'product', lang: 'en', scriptOnly: true },
};
