// A product photo for the store's pages, made here rather than committed:
// a 640 × 640 PNG of a lit gradient with fine grain, about the bytes a
// store's compressed product photo has, so the product page's largest paint
// is an image that takes its time to arrive, as on a real store.
import { deflateSync } from 'node:zlib';

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** The PNG's bytes; `grain` and `every` (one pixel in so many) set the
 * noise, and so how many bytes. */
export function productPhoto(size = 640, grain = 6, every = 24) {
  let seed = 7;
  const noise = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return (seed >> 16) % grain; };
  const rows = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    const at = y * (1 + size * 3);
    rows[at] = 0; // no filter
    for (let x = 0; x < size; x++) {
      const light = 40 + Math.round(120 * (x + y) / (2 * size));
      const p = at + 1 + x * 3;
      const n = (x * 7 + y * 13) % every === 0 ? noise() : 0;
      rows[p] = light + n;
      rows[p + 1] = light + 8 + n;
      rows[p + 2] = light + 16 + n;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
