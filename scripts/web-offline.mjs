// Makes the built site installable and offline (called by web-build.sh on its staging folder,
// after every other step, so it sees every file of the build). Only Zopfli is a dependency:
//  1. icons: icon.svg and icon-192.png, icon-512.png, icon-maskable-512.png, drawn here from one
//     list of shapes (a house on the brand colour), so nothing is fetched from anywhere;
//  2. sw.js: the build's version (a hash of every other built file) and the list of files the
//     service worker keeps (everything but the PNG icons, which it keeps when first asked for);
//  3. FILE.gz (Zopfli: standard gzip, 4% smaller than gzip -9) and FILE.br (Brotli, quality 11)
//     beside each text and wasm file, for scripts/serve.py to send as they are.
// Usage: node scripts/web-offline.mjs DIR   (DIR holds the built site, with sw.js)
import { readFileSync, writeFileSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { deflateSync, gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/web-offline.mjs DIR');
  process.exit(2);
}
const fail = (msg) => {
  console.error(`web-offline: ${msg}`);
  process.exit(1);
};

// ---- 1. icons ----
const BRAND = [0x0f, 0x76, 0x6e];
const WHITE = [0xff, 0xff, 0xff];
/** The icon on a 512 × 512 grid, painted in order; `r` is the background's corner radius. */
const shapes = (r) => [
  { kind: 'round', x0: 0, y0: 0, x1: 512, y1: 512, r, fill: BRAND },
  { kind: 'poly', pts: [[256, 112], [424, 252], [88, 252]], fill: WHITE },
  { kind: 'rect', x0: 140, y0: 236, x1: 372, y1: 404, fill: WHITE },
  { kind: 'rect', x0: 222, y0: 300, x1: 290, y1: 404, fill: BRAND },
  { kind: 'circle', cx: 256, cy: 196, r: 24, fill: BRAND },
];

function inside(s, x, y) {
  switch (s.kind) {
    case 'rect':
      return x >= s.x0 && x < s.x1 && y >= s.y0 && y < s.y1;
    case 'circle':
      return (x - s.cx) ** 2 + (y - s.cy) ** 2 <= s.r ** 2;
    case 'round': {
      if (x < s.x0 || x >= s.x1 || y < s.y0 || y >= s.y1) return false;
      const cx = Math.min(Math.max(x, s.x0 + s.r), s.x1 - s.r);
      const cy = Math.min(Math.max(y, s.y0 + s.r), s.y1 - s.r);
      return (x - cx) ** 2 + (y - cy) ** 2 <= s.r ** 2;
    }
    case 'poly': {
      let odd = false;
      const p = s.pts;
      for (let i = 0, j = p.length - 1; i < p.length; j = i++) {
        if ((p[i][1] > y) !== (p[j][1] > y)
          && x < ((p[j][0] - p[i][0]) * (y - p[i][1])) / (p[j][1] - p[i][1]) + p[i][0]) odd = !odd;
      }
      return odd;
    }
    default:
      return fail(`unknown shape ${s.kind}`);
  }
}

const hex = (c) => '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');
function svg(r) {
  const body = shapes(r).map((s) => {
    const fill = `fill="${hex(s.fill)}"`;
    if (s.kind === 'rect') return `<rect x="${s.x0}" y="${s.y0}" width="${s.x1 - s.x0}" height="${s.y1 - s.y0}" ${fill}/>`;
    if (s.kind === 'round') return `<rect x="${s.x0}" y="${s.y0}" width="${s.x1 - s.x0}" height="${s.y1 - s.y0}" rx="${s.r}" ${fill}/>`;
    if (s.kind === 'circle') return `<circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" ${fill}/>`;
    return `<polygon points="${s.pts.map((p) => p.join(',')).join(' ')}" ${fill}/>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">${body.join('')}</svg>\n`;
}

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** An RGBA PNG of the icon at `size` pixels, each pixel averaged over 4 × 4 samples. */
function png(size, r) {
  const list = shapes(r);
  const N = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < N; sy++) {
        for (let sx = 0; sx < N; sx++) {
          const x = ((px + (sx + 0.5) / N) * 512) / size;
          const y = ((py + (sy + 0.5) / N) * 512) / size;
          let c = null;
          for (const s of list) if (inside(s, x, y)) c = s.fill;
          if (c) {
            acc[0] += c[0];
            acc[1] += c[1];
            acc[2] += c[2];
            acc[3] += 255;
          }
        }
      }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      const a = acc[3];
      // Colour averaged over the covered samples (straight alpha), alpha over all samples.
      for (let k = 0; k < 3; k++) raw[o + k] = a ? Math.round((acc[k] * 255) / a) : 0;
      raw[o + 3] = Math.round(a / (N * N));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

writeFileSync(join(dir, 'icon.svg'), svg(112));
writeFileSync(join(dir, 'icon-192.png'), png(192, 112));
writeFileSync(join(dir, 'icon-512.png'), png(512, 112));
// Maskable: the platform cuts its own shape, so the colour fills the square.
writeFileSync(join(dir, 'icon-maskable-512.png'), png(512, 0));

// ---- 2. the service worker's version and files ----
const files = readdirSync(dir)
  .filter((f) => !f.startsWith('.') && statSync(join(dir, f)).isFile())
  .filter((f) => !/\.(gz|br)$/.test(f))
  .sort();
if (!files.includes('sw.js') || !files.includes('index.html')) fail('sw.js or index.html is missing');
const hash = createHash('sha256');
for (const f of files.filter((f) => f !== 'sw.js')) {
  hash.update(f + '\0');
  hash.update(readFileSync(join(dir, f)));
  hash.update('\0');
}
const version = hash.digest('hex').slice(0, 16);
// The claim desk's worker (desk-worker.js, desk_worker.js, desk_worker_bg.wasm) is not precached:
// it would double the first visit; the fetch handler keeps it when the desk first loads it.
// The desk's own page (desk.html, desk.css, desk.js, desk_bg.wasm) and its worker are kept, all
// together, when the desk is first opened (sw.js: DESK).
// The printed sheet's QR code encoder (qr.js, qr_bg.wasm) is not precached either: index.html
// loads it only to print, and the fetch handler keeps it then.
// The page is kept as "./" (the address a first visit loads it from, link or not), not as
// index.html: installing then revalidates what was just loaded (304) instead of fetching the
// same file a second time under its other name.
const keep = files.filter((f) => f !== 'sw.js' && !f.endsWith('.png') && !f.startsWith('desk') && !f.startsWith('qr'))
  .map((f) => (f === 'index.html' ? './' : f));
const desk = files.filter((f) => f.startsWith('desk'));
const swPath = join(dir, 'sw.js');
let sw = readFileSync(swPath, 'utf8');
if (!sw.includes('"__TUOYU_VERSION__"') || !sw.includes('["__TUOYU_FILES__"]') || !sw.includes('["__TUOYU_DESK__"]')) fail('sw.js has no placeholders');
sw = sw.replace('"__TUOYU_VERSION__"', JSON.stringify(version)).replace('["__TUOYU_FILES__"]', JSON.stringify(keep))
  .replace('["__TUOYU_DESK__"]', JSON.stringify(desk));
// Whole-line comments out, as web-shrink does for web.js.
sw = sw.split('\n').filter((l) => !/^\s*\/\//.test(l)).map((l) => l.trim()).filter(Boolean).join('\n') + '\n';
writeFileSync(swPath, sw);

// ---- 3. precompressed copies ----
// Zopfli from web/node_modules (npm ci installs it with the other build tools).
let zopfli = null;
try {
  ({ gzipAsync: zopfli } = await import(new URL('../web/node_modules/@gfx/zopfli/dist/index.js', import.meta.url)));
} catch {
  console.error('web-offline: @gfx/zopfli is not installed (npm ci in web/): gzip -9 instead');
}
let gzTotal = 0;
let brTotal = 0;
for (const f of readdirSync(dir)) {
  if (/\.(gz|br)$/.test(f)) unlinkSync(join(dir, f));
}
for (const f of files) {
  if (f.endsWith('.png')) continue;
  const b = readFileSync(join(dir, f));
  // Zopfli (standard gzip, about 4% smaller than gzip -9: 16 KB of the wasm; a few seconds),
  // else GNU gzip -9 (3 KB smaller than zlib's level 9), else zlib; the smallest is kept.
  const cli = spawnSync('gzip', ['-9', '-n', '-c', join(dir, f)], { maxBuffer: 1 << 30 });
  let gz = cli.status === 0 ? cli.stdout : gzipSync(b, { level: 9 });
  if (zopfli) {
    const z = Buffer.from(await zopfli(b, { numiterations: 5 }));
    if (z.length < gz.length) gz = z;
  }
  const br = brotliCompressSync(b, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: b.length,
    },
  });
  writeFileSync(join(dir, f + '.gz'), gz);
  writeFileSync(join(dir, f + '.br'), br);
  gzTotal += gz.length;
  brTotal += br.length;
}
console.error(`web-offline: version ${version}; the service worker keeps ${keep.join(', ')} (and on the desk ${desk.join(', ')}); `
  + `precompressed ${gzTotal} bytes gzip, ${brTotal} bytes Brotli`);
