// The demo storefront's glue: the link id comes from the page URL, and the
// pay host is this server's embedded sandbox. A real store writes both into
// the element's attributes on the server, in the shopper's language.
const el = document.querySelector('amwal-installments');
const params = new URLSearchParams(location.search);
if (params.get('link')) el.setAttribute('link', params.get('link'));
el.setAttribute('pay-hosts', `${location.host}/sandbox`);

// The shopper's language choice survives the trip to the pay page and back.
function setLang(lang) {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  el.setAttribute('lang', lang);
  sessionStorage.setItem('demo-lang', lang);
}
const saved = sessionStorage.getItem('demo-lang');
if (saved === 'en' || saved === 'ar') setLang(saved);
for (const button of document.querySelectorAll('[data-lang]')) {
  button.addEventListener('click', () => setLang(button.dataset.lang));
}
