// Subresource integrity of the files the widget loads after its script.
// Empty in the npm package (a bundler fingerprints what it ships); the
// script-tag build (www/dist/) fills them in, so a storefront that pins
// amwal-installments.js with `integrity=` pins both wasm modules and the CSS too.
export const WASM_INTEGRITY = '';
export const MESSAGE_WASM_INTEGRITY = '';
export const CSS_INTEGRITY = '';
