// Size, speed and looks: gzipped page size, first result, recompute per keystroke, screenshots at
// desktop and phone width, the printed statement.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { BASE, ROOT, SHOTS, PAGE_GOAL_BYTES, PAGE_BUDGET_BYTES, launch, newPage, assertHealthy, openLink, fixtures, link, sel } from './helpers.mjs';

let ctx;
before(async () => { ctx = await launch(); });
after(async () => { await ctx?.close(); });

const spec = fixtures().find((f) => f.file === 'spec-example-2026.json');

// The goal and the budget are in helpers.mjs.
const GOAL_BYTES = PAGE_GOAL_BYTES;
const BUDGET_BYTES = PAGE_BUDGET_BYTES;

test(`the whole page stays under ${BUDGET_BYTES} bytes gzipped (goal ${GOAL_BYTES})`, () => {
  const dist = join(ROOT, 'web/dist');
  let total = 0;
  const parts = [];
  // What the first visit loads: the page, then the service worker and its manifest and icon.
  for (const f of ['index.html', 'style.css', 'web.js', 'web_bg.wasm', 'sw.js', 'manifest.webmanifest', 'icon.svg']) {
    // The .gz the build wrote (GNU gzip -9) is what a client that accepts only gzip receives.
    const pre = join(dist, `${f}.gz`);
    const gz = existsSync(pre) ? statSync(pre).size : gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
    total += gz;
    parts.push(`${f} ${gz}`);
  }
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const met = total < GOAL_BYTES ? `met with ${GOAL_BYTES - total} bytes to spare` : `NOT met by ${total - GOAL_BYTES + 1} bytes`;
  console.log(`# size: ${total} bytes = ${kib(total)} gzipped (${parts.join(', ')}); goal < ${GOAL_BYTES} bytes (${kib(GOAL_BYTES)}) ${met}`);
  assert.ok(Number.isFinite(BUDGET_BYTES) && BUDGET_BYTES > 0, `WEB_SIZE_BUDGET_KB=${process.env.WEB_SIZE_BUDGET_KB} is not a size`);
  assert.ok(total < BUDGET_BYTES, `${total} bytes (${kib(total)}) gzipped, budget ${BUDGET_BYTES} bytes (${kib(BUDGET_BYTES)})`);
});

test('the first result is on screen within a second of loading', async () => {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const page = await newPage(ctx);
    await page.goto(link(spec.request));
    await page.waitForSelector('#total[data-amount="1660590.00"]');
    const t = await page.evaluate(() => ({
      mark: performance.getEntriesByName('tuoyu-first-result')[0]?.startTime,
      dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
    }));
    runs.push(t.mark);
    await assertHealthy(page);
    await page.close();
  }
  const best = Math.min(...runs);
  console.log(`# first result: ${runs.map((r) => r.toFixed(0)).join(', ')} ms after navigation start`);
  assert.ok(Math.max(...runs) < 1000, `first result ${runs}`);
  assert.ok(best > 0);
});

// A first visit on a slow phone: Chromium's network throttle (1.6 Mbit/s down, 150 ms round trip)
// and a 4x CPU slowdown, each run in a fresh profile (no cache, no service worker). The goal is
// 2 s; make test runs once and reports it; scripts/bench-web.sh runs TUOYU_THROTTLED_RUNS times.
// What fails the test is a regression that does not depend on how busy the machine is: the wasm
// arriving later than WASM_LIMIT_MS (sent uncompressed it arrives after 5 s), or the first
// result later than THROTTLED_LIMIT_MS.
const THROTTLED_GOAL_MS = 2000;
const WASM_LIMIT_MS = 3000;
const THROTTLED_LIMIT_MS = Number(process.env.TUOYU_THROTTLED_LIMIT_MS || 8000);
test('the first result under a throttled network (1.6 Mbit/s, 150 ms) and a 4x slower CPU', async () => {
  const n = Number(process.env.TUOYU_THROTTLED_RUNS || 1);
  const runs = [];
  for (let i = 0; i < n; i++) {
    const fresh = await launch();
    try {
      const page = await newPage(fresh);
      const cdp = await fresh.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.goto(link(spec.request));
      await page.waitForSelector('#total[data-amount="1660590.00"]', { timeout: 30000 });
      const t = await page.evaluate(() => ({
        mark: performance.getEntriesByName('tuoyu-first-result')[0]?.startTime,
        wasm: performance.getEntriesByType('resource').find((r) => r.name.endsWith('web_bg.wasm'))?.responseEnd,
        // The module's entry, the state computed (link read, calc-core run), the first render.
        start: performance.getEntriesByName('tuoyu-start')[0]?.startTime,
        state: performance.getEntriesByName('tuoyu-state')[0]?.startTime,
        bytes: performance.getEntriesByType('resource').reduce((a, r) => a + r.transferSize, 0)
          + performance.getEntriesByType('navigation')[0].transferSize,
      }));
      runs.push(t);
      await assertHealthy(page);
    } finally { await fresh.close(); }
  }
  const marks = runs.map((r) => r.mark).sort((a, b) => a - b);
  const median = marks[marks.length >> 1];
  console.log(`# first result throttled (1.6 Mbit/s, 150 ms RTT, CPU 4x): ${runs.map((r) => `${r.mark.toFixed(0)} ms (wasm in at ${r.wasm.toFixed(0)} ms, ${r.bytes} bytes; started ${r.start?.toFixed(0)}, computed ${r.state?.toFixed(0)}, rendered ${r.mark.toFixed(0)})`).join(', ')}; median ${median.toFixed(0)} ms, goal ${THROTTLED_GOAL_MS} ms ${median <= THROTTLED_GOAL_MS ? 'met' : 'NOT met'}`);
  const wasm = runs.map((r) => r.wasm).sort((a, b) => a - b)[runs.length >> 1];
  assert.ok(wasm < WASM_LIMIT_MS, `the wasm arrived after ${wasm} ms throttled, limit ${WASM_LIMIT_MS} ms`);
  assert.ok(median < THROTTLED_LIMIT_MS, `first result throttled ${median} ms, limit ${THROTTLED_LIMIT_MS} ms`);
});

// The goal (median keystroke to the new total in the DOM ≤ 5 ms) is measured here and printed;
// it is asserted only when TUOYU_KEYSTROKE_GOAL=1 (scripts/bench-web.sh sets it), since a machine
// busy with other work can double any timing. What fails this test anywhere is a regression no load
// explains: medians ten times the goal.
const KEYSTROKE_GOAL_MS = 5;
const KEYSTROKE_LIMIT_MS = Number(process.env.TUOYU_KEYSTROKE_GOAL === '1' ? KEYSTROKE_GOAL_MS : 50);
test('recomputing on a keystroke takes under 5 ms', async () => {
  const page = await newPage(ctx);
  await openLink(page, spec.request);
  await page.evaluate(() => performance.clearMeasures());
  let timings = await page.evaluate(async () => {
    const input = document.querySelector('[name="revenue.childcare"]');
    const total = document.querySelector('#total');
    const out = [];
    for (let i = 0; i < 30; i++) {
      const done = new Promise((resolve) => {
        const mo = new MutationObserver(() => { mo.disconnect(); resolve(performance.now()); });
        mo.observe(total, { attributes: true, attributeFilter: ['data-amount'] });
      });
      const t0 = performance.now();
      input.value = String(1800000 + (i + 1) * 1000);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const shown = (await done) - t0;
      // Until the browser is free again: the whole page re-rendered, not just the total.
      await new Promise((r) => setTimeout(r, 0));
      out.push([shown, performance.now() - t0]);
      await new Promise((r) => setTimeout(r, 10));
    }
    return out;
  });
  const settled = timings.map((t) => t[1]);
  timings = timings.map((t) => t[0]);
  const recompute = await page.evaluate(() => performance.getEntriesByName('tuoyu-recompute').map((e) => e.duration));
  const render = await page.evaluate(() => performance.getEntriesByName('tuoyu-render').map((e) => e.duration).slice(-30));
  const avg = (a) => a.reduce((x, y) => x + y, 0) / a.length;
  const sorted = [...recompute].sort((a, b) => a - b);
  const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
  console.log(`# keystroke → new total in the DOM: median ${median(timings).toFixed(2)} ms (goal ≤ 5 ms); whole page re-rendered: median ${median(settled).toFixed(2)} ms`);
  console.log(`# keystroke → new total in the DOM: mean ${avg(timings).toFixed(2)} ms, max ${Math.max(...timings).toFixed(2)} ms; → whole page re-rendered: mean ${avg(settled).toFixed(2)} ms, max ${Math.max(...settled).toFixed(2)} ms (30 keystrokes)`);
  console.log(`# recompute (request JSON + calc-core) per keystroke: mean ${avg(recompute).toFixed(2)} ms, median ${sorted[sorted.length >> 1].toFixed(2)} ms, max ${Math.max(...recompute).toFixed(2)} ms`);
  console.log(`# keystroke → whole page rendered (action to last effect): mean ${avg(render).toFixed(2)} ms, max ${Math.max(...render).toFixed(2)} ms`);
  console.log(`# keystroke goal (median ≤ ${KEYSTROKE_GOAL_MS} ms) ${median(timings) <= KEYSTROKE_GOAL_MS ? 'met' : 'NOT met'}; limit asserted here: median ${KEYSTROKE_LIMIT_MS} ms`);
  assert.equal(recompute.length, 30);
  // Medians, not means: one keystroke delayed by another process does not fail the run.
  assert.ok(median(recompute) < KEYSTROKE_LIMIT_MS, `recompute median ${median(recompute)} ms, limit ${KEYSTROKE_LIMIT_MS} ms`);
  assert.ok(median(timings) < KEYSTROKE_LIMIT_MS, `keystroke to screen median ${median(timings)} ms, limit ${KEYSTROKE_LIMIT_MS} ms`);
  await page.close();
});

const views = ['estimate', 'fees', 'capacity', 'verify', 'policy', 'sweep'];
for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
  test(`screenshots at ${label} width, no sideways scrolling`, async () => {
    const page = await newPage(ctx);
    await page.setViewportSize(viewport);
    await page.goto(BASE);
    // The view a previous test left in localStorage (the desktop run ends on 核验) is not this one's.
    await page.click('[data-view="estimate"]');
    await page.waitForSelector('#total');
    await page.click('[data-view="estimate"]');
    await page.click('#demo');
    const demo = JSON.parse(Buffer.from(page.url().split('#r=')[1], 'base64url').toString('utf8'));
    demo.fee_benchmark = { non_profit: true, method: 'reference', reference: { grade: 4, upward_float: '0.10' }, proposed: { full_day: '1000', half_day: '480', hourly: '5', temporary: '50' } };
    demo.capacity = { population: 35250, area: 'new', existing_places: 120, children: { infant: 23, young_toddler: 31, older_toddler: 41, mixed: 10 } };
    await openLink(page, demo);
    for (const v of views) {
      await page.click(`[data-view="${v}"]`);
      if (v === 'estimate') await page.locator('[data-line-id="vat_exemption"] summary').click();
      await page.waitForTimeout(100);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${v} at ${label}: ${overflow}px of sideways scrolling`);
      await page.screenshot({ path: join(SHOTS, `${label}-${v}.png`), fullPage: v !== 'estimate' || label === 'phone' });
    }
    await page.click('[data-view="estimate"]');
    await page.fill(sel('revenue.childcare'), '12o0000');
    await page.waitForSelector('#error');
    await page.screenshot({ path: join(SHOTS, `${label}-error.png`) });
    await page.fill(sel('revenue.childcare'), '1296000');
    await assertHealthy(page);
    // One claim on this facility, on its own page, filled with the recomputed figures.
    await page.click('[data-view="verify"]');
    await Promise.all([page.waitForURL(/desk-claim\.html#r=/), page.click('#open-claim')]);
    await page.click('#claim-fill');
    await page.waitForSelector('#claim-verdict[data-empty="false"]');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `one claim at ${label}: ${overflow}px of sideways scrolling`);
    await page.screenshot({ path: join(SHOTS, `${label}-claim.png`), fullPage: true });
    await assertHealthy(page);
    await page.close();
  });
}

test('the print stylesheet prints a clean statement of calculation', async () => {
  const page = await newPage(ctx);
  await openLink(page, spec.request);
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.print-only').isVisible(), true);
  assert.equal(await page.locator('form.inputs').isVisible(), false);
  assert.equal(await page.locator('header.top').isVisible(), false);
  assert.match(await page.locator('.print-only').innerText(), /1,660,590\.00/);
  await page.screenshot({ path: join(SHOTS, 'print.png'), fullPage: true });
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10000);
  await page.close();
});
