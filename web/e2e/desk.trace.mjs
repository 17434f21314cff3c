// Where the time of a desk run goes, thread by thread (not part of make test): a generated file of
// DESK_N claims (default 10⁵) verified RUNS times (default 2, warm workers as in the bench) with
// a Chrome trace of the last run, summed per thread (the page's main thread, each worker, the
// browser's IO thread that reads the file) and, with NAMES=regex (e.g. 'CrRendererMain|Worker'),
// per event name on the matching threads. Run against a built site:
//   BASE_URL=http://127.0.0.1:PORT/ node web/e2e/desk.trace.mjs
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, readFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { writeClaims } from './desk-gen.mjs';
const N = Number(process.env.DESK_N || 100000);
const dir = mkdtempSync(join(tmpdir(), 'tuoyu-desk-trace-'));
const file = join(dir, 'claims.jsonl');
await writeClaims(file, N);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // RUNS=1 PICK_MS=0: the e2e's case (the file chosen as soon as the desk is up: cold workers),
  // traced from the page's load.
  const cats = ['toplevel', 'disabled-by-default-devtools.timeline', 'v8', 'v8.wasm', 'disabled-by-default-v8.wasm.detailed', 'blink'];
  const traced = Number(process.env.RUNS || 2) === 1 && !Number(process.env.PICK_MS ?? 3000);
  if (traced) await browser.startTracing(page, { path: join(dir, 'trace.json'), categories: cats });
  await page.goto(new URL('desk.html', process.env.BASE_URL || 'http://127.0.0.1:8080/').href);
  await page.waitForSelector('#claims-file');
  // PICK_MS: how long after the desk opens the file is chosen (default 3000; 0 as in the e2e:
  // cold workers).
  await page.waitForTimeout(Number(process.env.PICK_MS ?? 3000));
  const runs = Number(process.env.RUNS || 2);
  for (let r = 1; r <= runs; r++) {
    const tracing = r === runs;
    if (tracing && !traced) await browser.startTracing(page, { path: join(dir, 'trace.json'), categories: cats });
    await page.setInputFiles('#claims-file', file);
    await page.waitForSelector('#batch-progress[data-finished=true]', { timeout: 600000 });
    const at = (k) => page.getAttribute('#batch-progress', k);
    console.log(`run ${r}: ${await at('data-ms')} ms; first ${await at('data-first')}; busy ${await at('data-worker-busy')}; read ${await at('data-worker-read')}`);
    if (tracing) await browser.stopTracing();
    await page.waitForTimeout(1500);
  }
  // KEEP=path: the trace is kept there (for chrome://tracing or Perfetto).
  if (process.env.KEEP) copyFileSync(join(dir, 'trace.json'), process.env.KEEP);
  const tr = JSON.parse(readFileSync(join(dir, 'trace.json'), 'utf8'));
  const ev = tr.traceEvents || tr;
  const names = new Map();
  for (const e of ev) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}/${e.tid}`, e.args.name);
  const per = new Map();
  const byName = new Map();
  for (const e of ev) {
    if (e.ph !== 'X' || !e.dur) continue;
    const k = `${e.pid}/${e.tid}`;
    // `RunTask` (devtools.timeline) wraps each task a thread runs: wall and thread time.
    if (e.name === 'RunTask') {
      const p = per.get(k) || { wall: 0, cpu: 0, n: 0 };
      p.wall += e.dur; p.cpu += e.tdur || 0; p.n++;
      per.set(k, p);
    }
    const nm = `${names.get(k) || k} :: ${e.name}`;
    const b = byName.get(nm) || { dur: 0, n: 0 };
    b.dur += e.dur; b.n++; byName.set(nm, b);
  }
  const rows = [...per].sort((a, b) => b[1].cpu - a[1].cpu).slice(0, 14);
  for (const [k, p] of rows) console.log(`${(names.get(k) || k).padEnd(32)} ${k.padEnd(16)} tasks ${String(p.n).padStart(6)} wall ${(p.wall / 1000).toFixed(0).padStart(6)} ms cpu ${(p.cpu / 1000).toFixed(0).padStart(6)} ms`);
  if (process.env.NAMES) {
    const top = [...byName].sort((a, b) => b[1].dur - a[1].dur).filter(([n]) => new RegExp(process.env.NAMES).test(n)).slice(0, 40);
    for (const [n, b] of top) console.log(`${(b.dur / 1000).toFixed(0).padStart(7)} ms ${String(b.n).padStart(6)}× ${n}`);
  }
} finally { await browser.close(); rmSync(dir, { recursive: true, force: true }); }
