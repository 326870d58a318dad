// The demo storefront's glue: the link id comes from the page URL, and the
// pay host is this server's embedded sandbox. A real store writes both into
// the element's attributes on the server, in the shopper's language.
import { languageSwitch } from './words.js';

const el = document.querySelector('amwal-installments');
const params = new URLSearchParams(location.search);
if (params.get('link')) el.setAttribute('link', params.get('link'));
el.setAttribute('pay-hosts', `${location.host}/sandbox`);

languageSwitch();
