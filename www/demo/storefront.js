// The demo storefront's glue: the link id comes from the page URL, and the
// pay host is this server's embedded sandbox. A real store writes both into
// the element's attributes on the server.
const el = document.querySelector('amwal-installments');
const params = new URLSearchParams(location.search);
if (params.get('link')) el.setAttribute('link', params.get('link'));
el.setAttribute('pay-hosts', `${location.host}/sandbox`);
for (const button of document.querySelectorAll('[data-lang]')) {
  button.addEventListener('click', () => {
    document.documentElement.lang = button.dataset.lang;
    document.documentElement.dir = button.dataset.lang === 'ar' ? 'rtl' : 'ltr';
    el.setAttribute('lang', button.dataset.lang);
  });
}
