// Subresource integrity of the files the widget loads after its script.
// Empty in the npm package (a bundler fingerprints what it ships); the
// script-tag build (www/dist/) fills them in, so a storefront that pins
// amwal-installments.js with `integrity=` pins the wasm and CSS too.
export const WASM_INTEGRITY = '';
export const CSS_INTEGRITY = '';
