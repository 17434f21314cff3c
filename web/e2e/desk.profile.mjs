// Where the desk's workers spend their time, by function (not part of make test): a generated
// file of DESK_N claims (default 10⁵) verified twice on warm workers, the second run under
// Chrome's sampling profiler (trace category disabled-by-default-v8.cpu_profiler); prints, for
// the workers, the share of samples inside calc-core's parse_line and verify_claim (the
// verification itself) and the rest (the desk's plumbing: reading, slicing, posting) by call
// path, then the top functions by self time. Run against a built site:
//   BASE_URL=http://127.0.0.1:PORT/ node web/e2e/desk.profile.mjs
// The built worker has no function names (wasm-opt --strip-debug): for names, run wasm-bindgen
// on target/wasm32-unknown-unknown/release-worker/desk_worker.wasm and wasm-opt with -g instead
// of --strip-debug (flags as in scripts/web-build.sh), and serve a copy of web/dist with that
// desk_worker.js and desk_worker_bg.wasm (their .gz and .br removed). KEEP=path keeps the trace.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, readFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { writeClaims } from './desk-gen.mjs';

const N = Number(process.env.DESK_N || 100000);
const TOP = Number(process.env.TOP || 25);
const dir = mkdtempSync(join(tmpdir(), 'tuoyu-desk-profile-'));
const file = join(dir, 'claims.jsonl');
await writeClaims(file, N);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'] });
try {
  const page = await browser.newPage();
  await page.goto(new URL('desk.html', process.env.BASE_URL || 'http://127.0.0.1:8080/').href);
  await page.waitForSelector('#claims-file');
  await page.waitForTimeout(3000);
  for (const r of [1, 2]) {
    if (r === 2) await browser.startTracing(page, { path: join(dir, 'trace.json'), categories: ['disabled-by-default-v8.cpu_profiler', 'v8'] });
    await page.setInputFiles('#claims-file', file);
    await page.waitForSelector('#batch-progress[data-finished=true]', { timeout: 600000 });
    console.log(`run ${r}: ${await page.getAttribute('#batch-progress', 'data-ms')} ms`);
    if (r === 2) await browser.stopTracing();
    await page.waitForTimeout(1000);
  }
  if (process.env.KEEP) copyFileSync(join(dir, 'trace.json'), process.env.KEEP);
  const tr = JSON.parse(readFileSync(join(dir, 'trace.json'), 'utf8'));
  const ev = tr.traceEvents || tr;
  const threadOf = new Map();
  const names = new Map();
  for (const e of ev) if (e.name === 'Profile') threadOf.set(`${e.pid}/${e.id}`, `${e.pid}/${e.tid}`);
  for (const e of ev) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}/${e.tid}`, e.args.name);
  const nodes = new Map();
  const perThread = new Map();
  const rest = new Map();
  const self = new Map();
  let work = 0;
  let core = 0;
  for (const e of ev) {
    if (e.name !== 'ProfileChunk') continue;
    const key = `${e.pid}/${e.id}`;
    const m = nodes.get(key) || new Map();
    nodes.set(key, m);
    const cp = e.args?.data?.cpuProfile || {};
    for (const x of cp.nodes || []) m.set(x.id, { fn: x.callFrame.functionName || '(anonymous)', parent: x.parent });
    const th = names.get(threadOf.get(key)) || key;
    for (const s of cp.samples || []) {
      const x = m.get(s);
      if (!x) continue;
      const t = perThread.get(th) || { all: 0, idle: 0 };
      t.all++;
      if (x.fn === '(idle)') t.idle++;
      perThread.set(th, t);
      if (!th.includes('Worker') || x.fn === '(idle)') continue;
      work++;
      self.set(x.fn, (self.get(x.fn) || 0) + 1);
      const chain = [];
      for (let y = x; y; y = m.get(y.parent)) chain.push(y.fn);
      if (chain.some((c) => c.includes('calc_core::verify::parse_line') || c.includes('calc_core::verify::verify_claim'))) { core++; continue; }
      const k = chain.slice(0, 4).map((c) => c.slice(0, 60)).join(' < ');
      rest.set(k, (rest.get(k) || 0) + 1);
    }
  }
  for (const [t, c] of perThread) console.log(`${t}: ${c.all} samples, ${c.idle} idle`);
  const pct = (c) => `${(100 * c / work).toFixed(1).padStart(5)}%`;
  console.log(`workers: ${work} samples not idle, ${pct(core)} in calc-core's parse_line and verify_claim; the rest by call path:`);
  for (const [f, c] of [...rest].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`${pct(c)} ${f}`);
  console.log('workers, top functions by self time:');
  for (const [f, c] of [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`${pct(c)} ${f.slice(0, 140)}`);
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
