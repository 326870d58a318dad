// Shortens the wasm's import and export names and rewrites wasm-bindgen's
// glue to match (-4.7 KB brotli, wasm and minified JS together: the
// generated names are long and carry hashes that do not compress).
// binaryen's --minify-imports-and-exports-and-modules renames them; its
// printed map is unreliable, so the mapping is read back from the two
// modules, whose imports and exports keep their order (and kinds, checked).
// Usage: node minify-wasm-names.mjs BEFORE.wasm AFTER.wasm GLUE.js
import fs from 'node:fs';

const [before, after, glue] = process.argv.slice(2);
const load = (file) => new WebAssembly.Module(fs.readFileSync(file));
const [a, b] = [load(before), load(after)];
let js = fs.readFileSync(glue, 'utf8');

function fail(why) {
  console.error(`minify-wasm-names: ${why}`);
  process.exit(1);
}
const escape = (name) => name.replace(/[$.*+?^(){}[\]|\\]/g, '\\$&');

function pairs(list) {
  const [x, y] = [list(a), list(b)];
  if (x.length !== y.length) fail(`${list.name} count changed`);
  x.forEach((item, k) => {
    if (item.kind !== y[k].kind) fail(`${list.name} ${item.name} changed kind`);
  });
  return x.map((item, k) => [item, y[k]]);
}

// Imports: keys of the object literal wasm-bindgen builds, one per line.
const modules = new Map();
for (const [long, short] of pairs(WebAssembly.Module.imports)) {
  modules.set(long.module, short.module);
  const key = new RegExp(`(\\n\\s*)${escape(long.name)}:`, 'g');
  const found = js.match(key)?.length ?? 0;
  if (found !== 1) fail(`import ${long.name} is written ${found} times in ${glue}`);
  js = js.replace(key, (_, indent) => `${indent}${short.name}:`);
}
for (const [long, short] of modules) {
  const key = `${JSON.stringify(long)}:`;
  if (!js.includes(key)) fail(`module ${long} not found in ${glue}`);
  js = js.split(key).join(`${JSON.stringify(short)}:`);
}

// Exports: read as `wasm.NAME` (some, like `__abort_handler`, never are).
// Any other way of reading one would be missed, so none may be left.
for (const [long, short] of pairs(WebAssembly.Module.exports)) {
  const name = escape(long.name);
  js = js.replace(new RegExp(`wasm\\.${name}\\b`, 'g'), () => `wasm.${short.name}`);
  if (new RegExp(`(\\.${name}\\b|\\[['"]${name}['"]\\])`).test(js)) {
    fail(`export ${long.name} is still read by its old name in ${glue}`);
  }
}
fs.writeFileSync(glue, js);
