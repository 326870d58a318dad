// Work for many elements, in turns: a collection page may hold dozens of
// widgets, and mounting them all in one task (or in timers the browser
// runs back to back) makes long tasks. Each turn is a task of its own
// (posted through a MessageChannel, which browsers do not batch as they
// may timers) and stops taking jobs after ~8 ms, counting the work a job
// leaves to microtasks (the wasm renders in one right after `mount`).
const TURN_MS = 8;
const queue = [];
let channel = null;
let posted = false;

async function drain() {
  const start = performance.now();
  while (queue.length && performance.now() - start < TURN_MS) {
    const { job, resolve, reject } = queue.shift();
    try {
      resolve(job());
    } catch (err) {
      reject(err);
    }
    // Still this task: the microtasks the job queued run first.
    await null;
    await null;
  }
  posted = false;
  if (queue.length) post();
}

function post() {
  if (posted) return;
  posted = true;
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = drain;
  }
  channel.port2.postMessage(null);
}

/** Runs `job` in a later turn; resolves to what it returns. */
export function inTurn(job) {
  return new Promise((resolve, reject) => {
    queue.push({ job, resolve, reject });
    post();
  });
}
