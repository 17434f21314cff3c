// Verification: the claim form against every claim fixture, and files of claims.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { BASE, launch, newPage, assertHealthy, openLink, claimFixtures, sel, b64url } from './helpers.mjs';
import { parseCsv } from './desk-gen.mjs';

const DESK = new URL('desk.html', BASE).href;
const CLAIM = new URL('desk-claim.html', BASE).href;

let ctx;
let page;
before(async () => { ctx = await launch(); page = await newPage(ctx); });
after(async () => { await ctx?.close(); });

const claims = claimFixtures();
const ITEMS = ['vat_exempt_sales', 'cit_income_reduction', 'property_tax_exempt', 'land_use_tax_exempt', 'deed_tax_exempt'];

// One claim: the calculator's 核验 view leads to the desk with its facility (desk.html#r=…).
test('the calculator\'s verify view opens the claim desk with this facility\'s request', async () => {
  const fx = claims[0];
  await openLink(page, fx.claim.request);
  await page.click('[data-view="verify"]');
  await Promise.all([page.waitForURL(/desk-claim\.html#r=/), page.click('#open-claim')]);
  await page.waitForSelector('#claim-report');
  const name = fx.claim.request.facility?.name;
  if (name) assert.match(await page.locator('#claim-facility').innerText(), new RegExp(name));
  // Nothing claimed yet: no verdict, it says nothing is entered.
  assert.equal(await page.getAttribute('#claim-verdict', 'data-empty'), 'true');
  assert.match(await page.locator('#claim-verdict').innerText(), /尚未填写|no claimed amount/);
  // The desk for files is a link away; the way back keeps the facility.
  assert.match(await page.getAttribute('#to-calculator', 'href'), /^\.\/#r=/);
  await page.waitForSelector('#open-desk');
  await assertHealthy(page);
});

test('the one-claim page without a facility says where to start', async () => {
  await page.goto(CLAIM);
  await page.waitForSelector('#claim-no-request');
  assert.equal(await page.locator('#claim-report').count(), 0);
  await assertHealthy(page);
});

test('the claim form gives each claim fixture its verdict per item', async () => {
  assert.ok(claims.length >= 5);
  for (const fx of claims) {
    // A fresh load for each (a link differing only in its fragment would be a hash change).
    await page.goto('about:blank');
    await page.goto(`${CLAIM}#r=${b64url(JSON.stringify(fx.claim.request))}`);
    await page.waitForSelector('#claim-report');
    await page.fill(sel('id'), fx.claim.id || '');
    for (const item of ITEMS) await page.fill(sel(`claimed.${item}`), String(fx.claim.claimed?.[item] ?? ''));
    await page.waitForSelector(`#claim-verdict[data-verdict="${fx.expect.verdict}"]`, { timeout: 5000 })
      .catch(async () => assert.fail(`${fx.file}: verdict ${await page.getAttribute('#claim-verdict', 'data-verdict')}, expected ${fx.expect.verdict}`));
    for (const [item, want] of Object.entries(fx.expect.items || {})) {
      const row = page.locator(`tr[data-item="${item}"]`);
      assert.equal(await row.getAttribute('data-verdict'), want.verdict, `${fx.file}: ${item}`);
      if (want.recomputed) assert.match(await row.innerText(), new RegExp(Number(want.recomputed).toLocaleString('en-US', { minimumFractionDigits: 2 }).replace(/\./g, '\\.')));
    }
    if (fx.expect.error_path) {
      assert.equal(await page.getAttribute('#claim-report .err', 'data-path'), fx.expect.error_path, fx.file);
    }
  }
  await assertHealthy(page);
});

function batchText(n = 1) {
  const rows = [];
  for (let i = 0; i < n; i++) for (const fx of claims) rows.push(JSON.stringify(fx.claim));
  return rows.join('\n') + '\n\n{"schema": "tuoyu.claim.v1", oops\n';
}

function expectedCounts(n = 1) {
  const c = {};
  for (const fx of claims) c[fx.expect.verdict] = (c[fx.expect.verdict] || 0) + n;
  c.invalid_input = (c.invalid_input || 0) + 1;
  return c;
}

async function checkSummary(page, n) {
  await page.waitForSelector('#batch-progress[data-finished=true]', { timeout: 60000 });
  const want = expectedCounts(n);
  const total = Object.values(want).reduce((a, b) => a + b, 0);
  assert.equal(await page.getAttribute('#batch-summary', 'data-claims'), String(total));
  for (const [v, count] of Object.entries(want)) {
    assert.equal(await page.getAttribute(`#batch-summary li[data-verdict="${v}"]`, 'data-count'), String(count), v);
  }
  return total;
}

test('the verify view leads to the claim desk, its own page', async () => {
  await page.goto(BASE);
  await page.click('[data-view="verify"]');
  await Promise.all([page.waitForURL(/desk\.html$/), page.click('#open-desk')]);
  await page.waitForSelector('#claims-file');
  await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('desk.html')), page.click('#to-calculator')]);
  await page.waitForSelector('#app header');
  await assertHealthy(page);
});

test('a JSON Lines file chosen in the file box is verified with a summary and a report', async () => {
  await page.goto(DESK);
  await page.setInputFiles('#claims-file', { name: 'claims.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(batchText()) });
  const total = await checkSummary(page, 1);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#batch-download')]);
  const lines = (await readFile(await dl.path(), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, total);
  claims.forEach((fx, i) => assert.equal(lines[i].verdict, fx.expect.verdict, fx.file));
  const last = lines.at(-1);
  assert.equal(last.verdict, 'invalid_input');
  assert.equal(last.line, claims.length + 2, 'physical line number of the broken claim');
  await assertHealthy(page);
});

/**
 * Runs `fn` under Chrome's trace and answers, per thread kind, the tasks that ran meanwhile:
 * for the pages' main threads (`CrRendererMain`) and the workers (`DedicatedWorker thread`), the
 * longest task by CPU time, the longest by wall time, and the CPU time of all their tasks. A task's
 * CPU time is what the page made the thread do; its wall time also holds whatever else the
 * machine ran meanwhile (on a loaded 2-core machine a 60 ms task can take 600 ms).
 */
async function traceTasks(page, fn) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', { categories: 'toplevel,disabled-by-default-devtools.timeline', transferMode: 'ReturnAsStream' });
  let result;
  try {
    result = await fn();
  } finally {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    const { stream } = await complete;
    const parts = [];
    for (;;) {
      const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
      parts.push(base64Encoded ? Buffer.from(data, 'base64').toString('utf8') : data);
      if (eof) break;
    }
    await cdp.send('IO.close', { handle: stream });
    await cdp.detach();
    const trace = JSON.parse(parts.join(''));
    const events = trace.traceEvents || trace;
    const kind = new Map();
    for (const e of events) {
      if (e.ph === 'M' && e.name === 'thread_name') kind.set(`${e.pid}/${e.tid}`, e.args.name);
    }
    const tasks = { main: { cpu: 0, wall: 0, all: 0, n: 0 }, worker: { cpu: 0, wall: 0, all: 0, n: 0 } };
    for (const e of events) {
      if (e.ph !== 'X' || e.name !== 'RunTask') continue;
      const k = kind.get(`${e.pid}/${e.tid}`);
      const t = k === 'CrRendererMain' ? tasks.main : k === 'DedicatedWorker thread' ? tasks.worker : null;
      if (!t) continue;
      const cpu = (e.tdur ?? e.dur) / 1000;
      t.cpu = Math.max(t.cpu, cpu);
      t.wall = Math.max(t.wall, e.dur / 1000);
      t.all += cpu;
      t.n++;
    }
    result = { ...result, tasks };
  }
  return result;
}

test('a large file dropped on the page is verified in workers while the page stays responsive', async () => {
  await page.goto(DESK);
  // 15,001 claims: enough for the workers' share of the work to stand out from the page's own
  // (showing the file, the progress and the results).
  const n = 1000;
  const text = batchText(n);
  // The desk's workers warm up for about 2.5 s after it opens (run::warm): over by the drop, so
  // the workers' CPU time below is the file's.
  await page.waitForTimeout(3000);
  // The file is made in the page before the trace starts (a 15 MB argument to evaluate is a
  // long task of the test's own on the page's thread).
  await page.evaluate((text) => {
    window.__file = new File([text], 'many.jsonl', { type: 'application/x-ndjson' });
    window.__progress = [];
    new MutationObserver(() => {
      const p = document.querySelector('#batch-progress');
      if (p) window.__progress.push(Number(p.dataset.done));
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-done'] });
  }, text);
  const { total, ms, tasks } = await traceTasks(page, async () => {
    const t0 = Date.now();
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.items.add(window.__file);
      document.querySelector('#drop-zone').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    const total = await checkSummary(page, n);
    return { total, ms: Date.now() - t0 };
  });
  const steps = await page.evaluate(() => new Set(window.__progress).size);
  const { main, worker } = tasks;
  const load = (await readFile('/proc/loadavg', 'utf8').catch(() => '')).split(' ')[0];
  console.log(`# batch: ${total} claims in ${ms} ms (${(ms / total).toFixed(2)} ms/claim), ${steps} progress updates; the page's main thread: longest task ${main.cpu.toFixed(0)} ms of CPU (${main.wall.toFixed(0)} ms of wall time), ${main.all.toFixed(0)} ms of CPU in ${main.n} tasks; the workers: ${worker.all.toFixed(0)} ms of CPU in ${worker.n} tasks; load average ${load}`);
  assert.ok(steps >= 1, 'the progress bar moved');
  assert.ok(main.n > 0 && worker.n > 0, 'the trace holds tasks of the page and of the workers');
  // Responsive: no task of the page's own keeps its thread busy for long (by CPU time, which a
  // busy machine does not stretch; wall time is printed above).
  assert.ok(main.cpu < 200, `longest main-thread task ${main.cpu} ms of CPU`);
  // Verified in the workers: they did the work, not the page.
  assert.ok(worker.all > main.all, `workers ${worker.all} ms of CPU, the page's main thread ${main.all} ms`);
  await assertHealthy(page);
});

test('a CSV file in the columns of tuoyu batch is verified in the browser as the command line verifies it', async () => {
  // fixtures/claims.csv: each id starts with the verdict its row must get (`match--…`).
  const text = await readFile(new URL('../../fixtures/claims.csv', import.meta.url), 'utf8');
  await page.goto(DESK);
  await page.setInputFiles('#claims-file', { name: 'claims.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.waitForSelector('#batch-progress[data-finished=true]', { timeout: 60000 });
  const ids = text.trim().split('\n').slice(1).map((l) => l.split(',')[0]);
  assert.equal(await page.getAttribute('#batch-summary', 'data-claims'), String(ids.length));
  // The summary gives the over-claimed total item by item; the items add up to it.
  const total = Number(await page.getAttribute('#batch-summary', 'data-over-claimed'));
  const items = await page.$$eval('#over-claimed-items li[data-item]', (ls) => ls.map((l) => [l.dataset.item, Number(l.dataset.amount)]));
  assert.ok(items.length >= 2 && items.some(([i]) => i === 'deed_tax_exempt'), JSON.stringify(items));
  assert.ok(Math.abs(items.reduce((a, [, d]) => a + d, 0) - total) < 0.005, `${JSON.stringify(items)} vs ${total}`);
  // In Chinese (the page's language): Chinese headings and verdict words, a BOM for Excel, and
  // why a claim is refused with its article.
  const word = Object.fromEntries(await page.$$eval('#batch-summary li[data-verdict]', (ls) =>
    ls.map((l) => [l.dataset.verdict, l.querySelector('.verdict').textContent])));
  const report = async () => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#batch-download')]);
    assert.match(dl.suggestedFilename(), /\.report\.csv$/);
    const bytes = await readFile(await dl.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 BOM: Excel reads error_zh right');
    return parseCsv(bytes.subarray(3).toString('utf8')).filter((r) => r.length > 1);
  };
  const zh = await report();
  assert.deepEqual(zh[0].slice(0, 4), ['行号', '申报编号', '结论', '多报金额']);
  assert.ok(zh[0].includes('免税销售额·差额') && zh[0].includes('原因及依据'), zh[0].join());
  assert.equal(zh.length - 1, ids.length);
  for (const r of zh.slice(1)) assert.equal(r[2], word[r[1].split('--')[0]], `row ${r[0]} (${r[1]})`);
  // In English: the column names and codes of the contract, the reasons in both languages.
  await page.click('#lang-toggle');
  await page.waitForFunction(() => document.documentElement.lang.startsWith('en'));
  const rows = await report();
  assert.deepEqual(rows[0].slice(0, 3), ['line', 'id', 'verdict']);
  assert.equal(rows.length - 1, ids.length);
  const [rz, re] = [rows[0].indexOf('reason_zh'), rows[0].indexOf('reason_en')];
  for (const r of rows.slice(1)) {
    assert.equal(r[2], r[1].split('--')[0], `row ${r[0]} (${r[1]})`);
    if (r[2] === 'not_eligible' || r[2] === 'not_in_force') {
      assert.match(r[rz], /依据：.*第/, `row ${r[0]}: ${r[rz]}`);
      assert.match(r[re], /basis: /, `row ${r[0]}: ${r[re]}`);
    }
  }
  await page.click('#lang-toggle');
  await assertHealthy(page);
});
