// Generated claims files for the desk's tests and bench: the claim fixtures cycled with unique
// ids, written to a file in slices (so 10⁶ claims never sit in one string), with the counts by
// verdict each must give.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { claimFixtures } from './helpers.mjs';

/** Writes `n` claims as JSON Lines to `path`; answers the expected counts by verdict. */
export async function writeClaims(path, n) {
  const fx = claimFixtures();
  const out = createWriteStream(path);
  const want = {};
  let buf = [];
  for (let i = 0; i < n; i++) {
    const f = fx[i % fx.length];
    const claim = { ...f.claim, id: `c${String(i + 1).padStart(7, '0')}-${f.claim.id || 'x'}` };
    buf.push(JSON.stringify(claim));
    want[f.expect.verdict] = (want[f.expect.verdict] || 0) + 1;
    if (buf.length === 5000 || i === n - 1) {
      if (!out.write(buf.join('\n') + '\n')) await once(out, 'drain');
      buf = [];
    }
  }
  out.end();
  await once(out, 'finish');
  return want;
}

/** Writes `n` claims as CSV in the columns of `tuoyu batch` to `path`: the rows of
 * fixtures/claims.csv (each id starts with the verdict it must get) cycled with unique ids, the
 * header first; answers the expected counts by verdict. */
export async function writeCsvClaims(path, n) {
  const text = readFileSync(new URL('../../fixtures/claims.csv', import.meta.url), 'utf8').replace(/^\uFEFF/, '');
  const [head, ...body] = text.split(/\r?\n/).filter((l) => l.trim());
  const out = createWriteStream(path);
  const want = {};
  let buf = [head];
  for (let i = 0; i < n; i++) {
    const src = body[i % body.length];
    const id = src.slice(0, src.indexOf(','));
    buf.push(`c${String(i + 1).padStart(7, '0')}-${src}`);
    const verdict = id.split('--')[0];
    want[verdict] = (want[verdict] || 0) + 1;
    if (buf.length >= 5000 || i === n - 1) {
      if (!out.write(buf.join('\n') + '\n')) await once(out, 'drain');
      buf = [];
    }
  }
  out.end();
  await once(out, 'finish');
  return want;
}

/** Memory (bytes) of the browser whose profile is `profile`: its tab's renderer process, resident
 * (`renderer`, shared libraries included) and private (`private`, what Chromium's task manager
 * calls its memory footprint), and all its processes' resident total; `cpu`: the tab's CPU seconds
 * so far (page and workers: how many cores a run kept busy). */
import { readdirSync, readFileSync } from 'node:fs';
export function browserRss(profile) {
  // Cheap reads first (stat, cmdline, statm); smaps_rollup (slow on big processes) only for the
  // tab's renderers, so sampling every 250 ms does not stall the caller's event loop.
  const procs = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      const rss = Number(readFileSync(`/proc/${d}/statm`, 'utf8').split(' ')[1]) * 4096;
      // utime + stime (fields 14 and 15), in clock ticks of 1/100 s: all the process's threads.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cpu = (Number(f[11]) + Number(f[12])) / 100;
      procs.push({ pid: Number(d), ppid, cmd, rss, cpu });
    } catch { /* gone */ }
  }
  const root = procs.find((p) => p.cmd.includes(`--user-data-dir=${profile}`) && !p.cmd.includes('--type='));
  if (!root) return { renderer: 0, private: 0, total: 0, cpu: 0 };
  const mine = new Set([root.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of procs) if (!mine.has(p.pid) && mine.has(p.ppid)) { mine.add(p.pid); grew = true; }
  }
  const list = procs.filter((p) => mine.has(p.pid));
  const tabs = list.filter((p) => p.cmd.includes('--type=renderer'));
  for (const p of tabs) {
    p.priv = 0;
    try {
      for (const m of readFileSync(`/proc/${p.pid}/smaps_rollup`, 'utf8').matchAll(/^Private_(?:Clean|Dirty):\s+(\d+) kB/gm)) p.priv += Number(m[1]) * 1024;
    } catch { /* not readable */ }
  }
  const renderer = Math.max(0, ...tabs.map((p) => p.rss));
  const priv = Math.max(0, ...tabs.map((p) => p.priv));
  // CPU seconds of the tab's renderers (the page and its workers are threads of it).
  const cpu = tabs.reduce((a, p) => a + p.cpu, 0);
  return { renderer, private: priv, total: list.reduce((a, p) => a + p.rss, 0), cpu };
}

// ---- Excel workbooks (.xlsx) for the desk's tests, written here with no dependency ----

const CRC_TABLE = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** A zip archive (deflated entries) of `files`: [[name, Buffer]]. */
function zip(files) {
  const { deflateRawSync } = zlibMod;
  const locals = [];
  const central = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBuf = Buffer.from(name, 'utf8');
    const comp = deflateRawSync(data, { level: 6 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(0, 10);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(comp.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBuf, comp);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0x0800, 8);
    cen.writeUInt16LE(8, 10);
    cen.writeUInt32LE(0, 12);
    cen.writeUInt32LE(crc, 16);
    cen.writeUInt32LE(comp.length, 20);
    cen.writeUInt32LE(data.length, 24);
    cen.writeUInt16LE(nameBuf.length, 28);
    cen.writeUInt32LE(offset, 42);
    central.push(cen, nameBuf);
    offset += 30 + nameBuf.length + comp.length;
  }
  const cenSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cenSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}
import * as zlibMod from 'node:zlib';

const colName = (i) => {
  let s = '';
  for (i += 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
};
const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * An .xlsx workbook with one sheet `sheet` of `rows` (arrays of cells: a number is a number cell,
 * a string an inline text cell, '' or null no cell), as Excel would store them.
 */
export function xlsx(rows, sheet = 'Sheet1') {
  const parts = [];
  let width = 1;
  rows.forEach((row, r) => {
    let line = `<row r="${r + 1}">`;
    row.forEach((v, c) => {
      if (v === '' || v === null || v === undefined) return;
      width = Math.max(width, c + 1);
      const ref = `${colName(c)}${r + 1}`;
      line += typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
    });
    parts.push(line + '</row>');
  });
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const sheetXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${ns}><dimension ref="A1:${colName(width - 1)}${rows.length}"/><sheetData>${parts.join('')}</sheetData></worksheet>`;
  return zip([
    ['[Content_Types].xml', Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')],
    ['_rels/.rels', Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`)],
    ['xl/workbook.xml', Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook ${ns} xmlns:r="${rel}"><sheets><sheet name="${esc(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>`)],
    ['xl/_rels/workbook.xml.rels', Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)],
    ['xl/worksheets/sheet1.xml', Buffer.from(sheetXml, 'utf8')],
  ]);
}

/** Rows of a CSV text (RFC 4180 quotes). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') q = false; else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

/** Days since 1899-12-30 (Excel's date serial) of a YYYY-MM-DD text; null for a date that does
 * not exist (2026-02-30 stays text, as a person would have typed it). */
const serial = (d) => {
  const t = Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));
  if (new Date(t).toISOString().slice(0, 10) !== d) return null;
  return Math.round((t - Date.UTC(1899, 11, 30)) / 86400000);
};

/**
 * The rows of fixtures/claims.csv (each id starts with the verdict it must get), cycled to `n`
 * claims with unique ids, as cells typed the ways Excel users type them: on even rows amounts are
 * number cells and dates date serials, on odd rows amounts are text with thousands separators
 * ("1,800,000.00") and dates text. `header` replaces the header row (e.g. the Chinese names).
 * Answers the rows and the expected counts by verdict.
 */
export function claimRows(csvText, n, header) {
  const [head, ...body] = parseCsv(csvText.replace(/^\uFEFF/, '')).filter((r) => r.length > 1);
  const dateCol = head.map((h) => /_used_from$|_used_to$|_date$/.test(h));
  const want = {};
  const rows = [header || head];
  for (let i = 0; i < n; i++) {
    const src = body[i % body.length];
    const odd = i % 2 === 1;
    const row = src.map((v, c) => {
      if (c === 0) return `${v}-${i + 1}`;
      if (dateCol[c] && /^\d{4}-\d{2}-\d{2}$/.test(v)) return odd ? v : (serial(v) ?? v);
      if (/^-?\d+(\.\d+)?$/.test(v) && head[c] !== 'year') {
        if (!odd) return Number(v);
        const [int, frac] = v.split('.');
        return int.length >= 5 ? int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? '.' + frac : '') : v;
      }
      return v;
    });
    rows.push(row);
    const verdict = src[0].split('--')[0];
    want[verdict] = (want[verdict] || 0) + 1;
  }
  return { rows, want };
}

/** The files of a zip (an .xlsx workbook) by name: its central directory read, each entry
 * stored or deflated. */
export function unzip(buf) {
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip');
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const out = new Map();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    const data = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(data, data + size);
    out.set(name, method === 8 ? zlibMod.inflateRawSync(raw) : Buffer.from(raw));
    at += 46 + nameLen + extra + comment;
  }
  return out;
}
