// The desk's bench (not part of make test): a generated file of DESK_N claims (default 10⁶,
// about 1 GB of JSON Lines, the claim fixtures cycled; DESK_KIND=csv: about 150 MB of CSV in the
// columns of `tuoyu batch`, fixtures/claims.csv cycled) verified in the browser; prints the time,
// the browser's memory (the tab's renderer process, sampled every 250 ms) during and after the
// run, the page's and the workers' WebAssembly memory, and the same for further runs of the same
// file (DESK_RUNS, default 2: wasm memory reused, not grown; the same warm workers). Run by
// scripts/bench-web-desk.sh (`make bench-web`); fails when a run misses a row or the tab's private
// memory peaks over DESK_MAX_MB (default 300).
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { writeClaims, writeCsvClaims, browserRss, claimRows, xlsx } from './desk-gen.mjs';

const N = Number(process.env.DESK_N || 1_000_000);
const BASE = process.env.BASE_URL || 'http://127.0.0.1:8080/';
const dir = mkdtempSync(join(tmpdir(), 'tuoyu-desk-bench-'));
const CSV = process.env.DESK_KIND === 'csv';
// DESK_KIND=xlsx: a workbook of DESK_N claims (read whole by one Excel worker: an .xlsx is a zip).
const XLSX = process.env.DESK_KIND === 'xlsx';
const file = join(dir, XLSX ? 'claims.xlsx' : CSV ? 'claims.csv' : 'claims.jsonl');
const profile = join(dir, 'profile');
const mb = (b) => `${(b / 1048576).toFixed(0)} MB`;

let t = Date.now();
// The id of the file's last claim (searched in the grid).
let lastId = `c${String(N).padStart(7, '0')}-`;
const want = XLSX
  ? (() => {
    const { rows, want: w } = claimRows(readFileSync(new URL('../../fixtures/claims.csv', import.meta.url), 'utf8'), N);
    writeFileSync(file, xlsx(rows, 'claims'));
    lastId = rows[rows.length - 1][0];
    return w;
  })()
  : await (CSV ? writeCsvClaims : writeClaims)(file, N);
console.log(`# generated ${N} claims, ${mb(statSync(file).size)} of ${XLSX ? 'Excel' : CSV ? 'CSV' : 'JSON Lines'}, in ${Date.now() - t} ms`);
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  viewport: { width: 1280, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--enable-precise-memory-info'],
});
let failed = false;
try {
  const page = await ctx.newPage();
  // DESK_WORKERS=n: the page sees n cores (the desk starts one worker per core).
  if (process.env.DESK_WORKERS) {
    await page.addInitScript((n) => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => n }), Number(process.env.DESK_WORKERS));
  }
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(new URL('desk.html', BASE).href);
  await page.waitForSelector('#claims-file');
  // DESK_PICK_MS: the time an officer takes to choose the file after the desk opens (default
  // 3000; the workers warm up meanwhile — 0 measures cold workers).
  const pick = Number(process.env.DESK_PICK_MS ?? 3000);
  await page.waitForTimeout(pick);
  console.log(`# the file chosen ${pick} ms after the desk opened`);
  const m0 = browserRss(profile);
  console.log(`# before: tab (renderer) resident ${mb(m0.renderer)}, private ${mb(m0.private)}`);
  for (const run of Array.from({ length: Number(process.env.DESK_RUNS || 2) }, (_, i) => i + 1)) {
    let peak = 0;
    let peakPriv = 0;
    const timer = setInterval(() => {
      const m = browserRss(profile);
      peak = Math.max(peak, m.renderer);
      peakPriv = Math.max(peakPriv, m.private);
    }, 250);
    t = Date.now();
    const cpu0 = browserRss(profile).cpu;
    await page.setInputFiles('#claims-file', file);
    // What the officer reads 2 s in: rows done, rows/s, time spent and left.
    const mid = page.waitForTimeout(2000).then(() => page.locator('#batch-progress').innerText()).catch(() => '');
    await page.waitForSelector('#batch-progress[data-finished=true]', { timeout: 1_800_000 });
    const ms = Date.now() - t;
    const cpu = browserRss(profile).cpu - cpu0;
    clearInterval(timer);
    await page.waitForTimeout(2000);
    const claims = Number(await page.getAttribute('#batch-summary', 'data-claims'));
    const rows = Number(await page.getAttribute('#claims-grid', 'data-rows'));
    const phase = await page.getAttribute('#batch-progress', 'data-phase');
    const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize || 0);
    const at = (k) => page.getAttribute('#batch-progress', k);
    // WebAssembly memory (it never shrinks; a second run should reuse it, not grow it): the
    // page's module and each pooled worker's (their glue modules, imported again, answer the
    // instance already running).
    const pageWasm = await page.evaluate(async () => (await (await import('./desk.js')).default()).memory.buffer.byteLength).catch(() => 0);
    const workerWasm = await Promise.all(page.workers().map((w) => w.evaluate(async () => (await (await import('./desk_worker.js')).default()).memory.buffer.byteLength).catch(() => 0)));
    console.log(`#   the progress 2 s in: ${(await mid).replace(/\s+/g, ' ').trim()}`);
    console.log(`#   the page's clock: run ${await at('data-ms')} ms, first answer at ${await at('data-first')} ms; workers busy ${await at('data-worker-busy')} ms in all, reading the file ${await at('data-worker-read')} ms; ${await at('data-chunks')} chunks; the tab's CPU ${cpu.toFixed(1)} s (${(cpu / (ms / 1000)).toFixed(2)} cores busy on average; load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`);
    const after = browserRss(profile);
    // The target: the tab's memory (private, as Chromium's task manager counts it) at most
    // DESK_MAX_MB (default 300) all through the run, every row reported.
    const maxMb = Number(process.env.DESK_MAX_MB || 300);
    const ok = phase === 'done' && claims === N && rows === N && peakPriv <= maxMb * 1048576;
    failed ||= !ok;
    console.log(`# run ${run}: ${N} claims in ${ms} ms (${Math.round(N / (ms / 1000))}/s), ${phase}, ${claims} in the summary, ${rows} in the grid; tab (renderer) resident peak ${mb(peak)}, after ${mb(after.renderer)}; private peak ${mb(peakPriv)}, after ${mb(after.private)}; JS heap ${mb(heap)}; wasm: page ${mb(pageWasm)}, workers ${workerWasm.map(mb).join(' + ')}; ${ok ? 'ok' : 'FAILED'} (every row, private peak ≤ ${maxMb} MB)`);
  }
  // The grid on every row of the file: filter by verdict, sort by an item's difference, search an
  // id, each timed from the change to the grid showing its rows.
  const timed = async (what, act, rows) => {
    const t1 = Date.now();
    await act();
    if (rows === 'resorted') await page.waitForFunction(() => document.querySelector('#grid-table tbody tr')?.dataset.line !== '1', null, { timeout: 120_000 });
    else if (rows === 'fewer') await page.waitForFunction((n) => Number(document.querySelector('#claims-grid')?.dataset.rows) < n, N, { timeout: 120_000 });
    else await page.waitForSelector(`#claims-grid[data-rows="${rows}"]`, { timeout: 120_000 });
    await page.waitForSelector('#grid-table tbody tr');
    return `${what} ${Date.now() - t1} ms`;
  };
  const grid = [];
  const over = want.over_claimed || 0;
  grid.push(await timed('filter by verdict', () => page.selectOption('#grid-verdict', 'over_claimed'), over));
  grid.push(await timed('back to all', () => page.selectOption('#grid-verdict', ''), N));
  grid.push(await timed('sort by difference', () => page.selectOption('#grid-sort', 'desc'), 'resorted'));
  grid.push(await timed('filter by item (sorted)', () => page.selectOption('#grid-item', '4'), 'fewer'));
  grid.push(await timed('search an id', async () => { await page.selectOption('#grid-item', ''); await page.selectOption('#grid-sort', 'line'); await page.fill('#grid-search', lastId); }, 1));
  grid.push(await timed('search cleared', () => page.fill('#grid-search', ''), N));
  console.log(`# the grid on ${N} rows: ${grid.join(', ')}`);
  for (const [v, c] of Object.entries(want)) {
    const got = Number(await page.getAttribute(`#batch-summary li[data-verdict="${v}"]`, 'data-count'));
    if (got !== c) { failed = true; console.log(`# ${v}: ${got}, expected ${c}`); }
  }
  if (errors.length) { failed = true; console.log(`# page errors: ${errors.join('; ')}`); }
} finally {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
