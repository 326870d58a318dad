// Shortens the wasm's import and export names and rewrites wasm-bindgen's
// glue to match (-2.6 KB brotli of wasm, -2.2 KB of minified JS: the
// generated names are long and carry hashes that do not compress).
// binaryen's --minify-imports-and-exports-and-modules renames them; its
// printed map is unreliable, so the mapping is read back from the two
// modules, whose imports and exports keep their order.
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

// Imports: keys of the object literal wasm-bindgen builds, one per line.
const [ia, ib] = [WebAssembly.Module.imports(a), WebAssembly.Module.imports(b)];
if (ia.length !== ib.length) fail('the import count changed');
const modules = new Map();
ia.forEach((imp, k) => {
  modules.set(imp.module, ib[k].module);
  const key = new RegExp(`(\\n\\s*)${imp.name}:`, 'g');
  const found = js.match(key)?.length ?? 0;
  if (found !== 1) fail(`import ${imp.name} is written ${found} times in ${glue}`);
  js = js.replace(key, `$1${ib[k].name}:`);
});
for (const [long, short] of modules) {
  const key = `${JSON.stringify(long)}:`;
  if (!js.includes(key)) fail(`module ${long} not found in ${glue}`);
  js = js.split(key).join(`${JSON.stringify(short)}:`);
}

// Exports: read as `wasm.NAME` (some, like `__abort_handler`, never are).
const [ea, eb] = [WebAssembly.Module.exports(a), WebAssembly.Module.exports(b)];
if (ea.length !== eb.length) fail('the export count changed');
ea.forEach((exp, k) => {
  const use = new RegExp(`wasm\\.${exp.name.replace(/\$/g, '\\$')}\\b`, 'g');
  js = js.replace(use, `wasm.${eb[k].name}`);
});
fs.writeFileSync(glue, js);
