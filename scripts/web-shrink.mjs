// Shrinks the built site in place (called by web-build.sh on its staging folder), without any
// dependency and without changing what the page does:
//  1. the wasm's imports from web.js get short names (`__wbg_appendChild_dbf7ad2f48413560` →
//     `c`) in both files: those hashed names are about 4 KB of the gzipped page;
//  2. web.js loses its comments and indentation;
//  3. style.css loses its comments and the spaces around its punctuation;
//  4. the pages' inline scripts (index.html, desk.html, desk-claim.html) lose their whole-line
//     comments and indentation (index.html is sent twice on a first visit: the page, then the
//     service worker's copy).
// Each step checks what it relies on and fails the build (exit 1) rather than guess.
// Usage: node scripts/web-shrink.mjs DIR   (DIR holds web.js, web_bg.wasm, style.css)
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/web-shrink.mjs DIR');
  process.exit(2);
}
const fail = (msg) => {
  console.error(`web-shrink: ${msg}`);
  process.exit(1);
};

// ---- 1. short import names ----
function readLeb(b, pos) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const byte = b[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [result, pos];
  }
}
function leb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return Buffer.from(out);
}
function shortName(i) {
  const abc = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let s = '';
  for (;;) {
    s = abc[i % abc.length] + s;
    i = Math.floor(i / abc.length);
    if (i === 0) return s;
    i -= 1;
  }
}

const wasmPath = join(dir, 'web_bg.wasm');
const jsPath = join(dir, 'web.js');
const wasm = readFileSync(wasmPath);
let js = readFileSync(jsPath, 'utf8');
const renamed = new Map();
const parts = [wasm.subarray(0, 8)];
let pos = 8;
while (pos < wasm.length) {
  const id = wasm[pos];
  const [size, bodyStart] = readLeb(wasm, pos + 1);
  const end = bodyStart + size;
  if (id !== 2) {
    parts.push(wasm.subarray(pos, end));
    pos = end;
    continue;
  }
  const b = wasm.subarray(bodyStart, end);
  let [count, p] = readLeb(b, 0);
  const entries = [leb(count)];
  for (let k = 0; k < count; k++) {
    let len;
    [len, p] = readLeb(b, p);
    const module = b.subarray(p, p + len);
    p += len;
    [len, p] = readLeb(b, p);
    const field = b.subarray(p, p + len).toString('utf8');
    p += len;
    const descStart = p;
    const kind = b[p++];
    if (kind === 0) {
      [, p] = readLeb(b, p); // function: type index
    } else if (kind === 1 || kind === 2) {
      if (kind === 1) p++; // table: reference type
      const flags = b[p++];
      [, p] = readLeb(b, p); // minimum
      if (flags & 1) [, p] = readLeb(b, p); // maximum
    } else if (kind === 3) {
      p += 2; // global: value type, mutability
    } else {
      fail(`import ${field} of unknown kind ${kind}`);
    }
    const desc = b.subarray(descStart, p);
    let name = field;
    if (kind === 0 && module.toString('utf8') === './web_bg.js' && /^__wb(g|indgen)_\w+$/.test(field)) {
      name = shortName(renamed.size);
      renamed.set(field, name);
    }
    const nameBuf = Buffer.from(name, 'utf8');
    entries.push(leb(module.length), module, leb(nameBuf.length), nameBuf, desc);
  }
  if (p !== b.length) fail('import section not read to its end');
  const body = Buffer.concat(entries);
  parts.push(Buffer.from([2]), leb(body.length), body);
  pos = end;
}
for (const [long, short] of renamed) {
  // Each import is one key of the imports object in web.js: `long: function(...`.
  const re = new RegExp(`\\b${long}\\b`, 'g');
  const uses = js.match(re)?.length ?? 0;
  if (uses !== 1) fail(`${long} is named ${uses} times in web.js, expected once`);
  const key = new RegExp(`(\\n\\s*)${long}(: function)`);
  if (!key.test(js)) fail(`${long} is not a key of the imports object in web.js`);
  js = js.replace(key, `$1${short}$2`);
}
for (const short of renamed.values()) {
  if (new RegExp(`\\n\\s*${short}: function`).exec(js) === null) fail(`renaming to ${short} failed`);
}
writeFileSync(wasmPath, Buffer.concat(parts));

// ---- 2. web.js without comments and indentation ----
// Only whole-line comments and leading blanks are removed, so no code is touched; a template
// literal spanning lines would be changed by that, so there must be none.
const lines = js.split('\n');
if (lines.some((l) => (l.match(/`/g)?.length ?? 0) % 2 !== 0)) fail('web.js has a multi-line template literal');
if (lines.some((l) => l.endsWith('\\'))) fail('web.js has a string continued on the next line');
const kept = [];
let inDoc = false;
for (const line of lines) {
  const t = line.trim();
  if (inDoc) {
    if (t.endsWith('*/')) inDoc = false;
    continue;
  }
  if (t.startsWith('/*')) {
    const close = t.indexOf('*/', 2);
    if (close >= 0 && close !== t.length - 2) fail(`web.js: code after a comment: ${t}`);
    inDoc = close < 0;
    continue;
  }
  if (t === '' || t.startsWith('//')) continue;
  kept.push(t);
}
writeFileSync(jsPath, kept.join('\n') + '\n');

// ---- 3. style.css without comments and needless spaces (strings kept as they are) ----
const cssPath = join(dir, 'style.css');
const css = readFileSync(cssPath, 'utf8');
let out = '';
let plain = '';
const flush = () => {
  out += plain
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
  plain = '';
};
for (let i = 0; i < css.length; ) {
  const c = css[i];
  if (c === '/' && css[i + 1] === '*') {
    const e = css.indexOf('*/', i + 2);
    if (e < 0) fail('style.css: unclosed comment');
    plain += ' ';
    i = e + 2;
  } else if (c === '"' || c === "'") {
    let e = i + 1;
    while (e < css.length && css[e] !== c) e += css[e] === '\\' ? 2 : 1;
    if (e >= css.length) fail('style.css: unclosed string');
    flush();
    out += css.slice(i, e + 1);
    i = e + 1;
  } else {
    plain += c;
    i++;
  }
}
flush();
writeFileSync(cssPath, out.trim() + '\n');
// ---- 4. the pages' inline scripts without whole-line comments and indentation ----
let htmlSaved = 0;
for (const f of readdirSync(dir).filter((f) => f.endsWith('.html'))) {
  const path = join(dir, f);
  const html = readFileSync(path, 'utf8');
  const out = [];
  let inScript = false;
  for (const line of html.split('\n')) {
    if (/<script\b/.test(line)) inScript = true;
    if (inScript) {
      if ((line.match(/`/g)?.length ?? 0) % 2 !== 0) fail(`${f}: a multi-line template literal in a script`);
      const t = line.trim();
      if (!t.startsWith('//')) out.push(t);
    } else {
      out.push(line);
    }
    if (/<\/script>/.test(line)) inScript = false;
  }
  const shrunk = out.join('\n');
  htmlSaved += html.length - shrunk.length;
  writeFileSync(path, shrunk);
}

console.error(`web-shrink: ${renamed.size} imports renamed; inline scripts ${htmlSaved} bytes shorter; web.js ${js.length} → ${kept.join('\n').length + 1} bytes, style.css ${css.length} → ${out.trim().length + 1} bytes`);
