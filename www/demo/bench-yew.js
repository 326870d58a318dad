// Starts the minimal Yew app that bench/render.sh copies to
// /dist/yew-baseline/ (built by bench/yew-baseline).
import init from '/dist/yew-baseline/app.js';

init({ module_or_path: '/dist/yew-baseline/app_bg.wasm' });
