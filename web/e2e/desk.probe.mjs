// The desk e2e's 10⁵ measure taken apart (not part of make test): a fresh browser per pick, the
// file chosen PICKS ms after the desk shows (comma-separated; 0 as in desk.test.mjs: cold
// workers), and for each the test's clock (setInputFiles → data-finished seen), the page's marks
// (the change event, data-finished in the DOM), the run's own clock, and the CPU seconds the tab
// and the whole browser used — robust where wall time is not, on a machine shared with builds.
//   BASE_URL=http://127.0.0.1:PORT/ PICKS=0,3000 node web/e2e/desk.probe.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { newPage } from './helpers.mjs';

/** CPU seconds (user + system) used so far by the browser whose profile is `profile`, all its
 * processes, and by its renderers (the tab and its workers). */
function cpu(profile) {
  const procs = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.push({ pid: Number(d), ppid: Number(f[1]), t: (Number(f[11]) + Number(f[12])) / 100, cmd: readFileSync(`/proc/${d}/cmdline`, 'utf8') });
    } catch { /* gone */ }
  }
  const root = procs.find((p) => p.cmd.includes(`--user-data-dir=${profile}`) && !p.cmd.includes('--type='));
  const mine = new Set(root ? [root.pid] : []);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs) if (!mine.has(p.pid) && mine.has(p.ppid)) { mine.add(p.pid); grew = true; }
  }
  const list = procs.filter((p) => mine.has(p.pid));
  const sum = (l) => l.reduce((a, p) => a + p.t, 0);
  return { all: sum(list), renderer: sum(list.filter((p) => p.cmd.includes('--type=renderer'))) };
}
async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'tuoyu-probe-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  ctx.profile = profile;
  return ctx;
}
import { writeClaims } from './desk-gen.mjs';
const N = Number(process.env.DESK_N || 100000);
const dir = mkdtempSync(join(tmpdir(), 'tuoyu-desk-probe-'));
const file = join(dir, 'claims.jsonl');
await writeClaims(file, N);
const picks = (process.env.PICKS || '0,3000').split(',').map(Number);
for (const pick of picks) {
  const ctx = await launch();
  try {
    const page = await newPage(ctx);
    const tLoad = Date.now();
    await page.goto(new URL('desk.html', process.env.BASE_URL).href);
    await page.waitForSelector('#claims-file');
    if (pick) await page.waitForTimeout(pick);
    // Page-clock marks: the input's change event (capture, before the desk's handler) and the
    // moment data-finished turns true in the DOM.
    await page.evaluate(() => {
      window.__marks = {};
      document.addEventListener('change', () => { window.__marks.change ??= performance.now(); }, true);
      new MutationObserver(() => {
        const el = document.querySelector('#batch-progress');
        if (el?.dataset.finished !== 'true' || window.__marks.finished) return;
        window.__marks.finished = performance.now();
        requestAnimationFrame(() => setTimeout(() => { window.__marks.painted = performance.now(); }, 0));
      }).observe(document.body, { subtree: true, attributes: true, childList: true });
    });
    const c0 = cpu(ctx.profile);
    const p0 = await page.evaluate(() => performance.now());
    const t0 = Date.now();
    await page.setInputFiles('#claims-file', file);
    const tSet = Date.now();
    await page.waitForSelector('#batch-progress[data-finished=true]', { timeout: 300000 });
    const ms = Date.now() - t0;
    const c1 = cpu(ctx.profile);
    await page.waitForFunction(() => window.__marks.painted > 0);
    const m = await page.evaluate(() => window.__marks);
    console.log(`  marks (page clock from just before the pick): change ${(m.change - p0).toFixed(0)}, finished in the DOM ${(m.finished - p0).toFixed(0)}, painted ${(m.painted - p0).toFixed(0)} ms: pick → painted ${(m.painted - m.change).toFixed(0)} ms`);
    const at = (k) => page.getAttribute('#batch-progress', k);
    const rows = await page.getAttribute('#claims-grid', 'data-rows');
    console.log(`pick ${pick} (load ${t0 - tLoad} ms): e2e ${ms} ms (setInputFiles ${tSet - t0}); page ${await at('data-ms')} ms, first ${await at('data-first')}, busy ${await at('data-worker-busy')}, read ${await at('data-worker-read')}; rows ${rows}; cpu: tab ${(c1.renderer - c0.renderer).toFixed(2)} s, browser ${(c1.all - c0.all).toFixed(2)} s; load ${(await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 1)}`);
  } finally { await ctx.close(); }
}
rmSync(dir, { recursive: true, force: true });
