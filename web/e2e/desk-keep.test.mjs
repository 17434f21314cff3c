// The desk's results stay across a reload: a run's compact results are kept in IndexedDB; after
// a reload the page shows which file and when, the summary and the whole grid; choosing the same
// file again brings back downloads and a claim's recomputation without verifying it again; the
// officer can clear what is kept, and a stopped run comes back marked partial.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { join, basename } from 'node:path';
import { tmpdir } from 'node:os';
import { launch, newPage, assertHealthy, BASE, SHOTS } from './helpers.mjs';
import { writeClaims } from './desk-gen.mjs';

const N = 3000;
const DESK = new URL('desk.html', BASE).href;
const dir = mkdtempSync(join(tmpdir(), 'tuoyu-desk-keep-'));
const file = join(dir, 'kept-district.jsonl');
let ctx;
let page;
let want;
before(async () => {
  want = await writeClaims(file, N);
  ctx = await launch();
  page = await newPage(ctx);
  await page.goto(DESK);
  await page.waitForSelector('#claims-file');
});
after(async () => { await ctx?.close(); await rm(dir, { recursive: true, force: true }); });

async function summary() {
  const out = { claims: await page.getAttribute('#batch-summary', 'data-claims') };
  for (const v of Object.keys(want)) out[v] = await page.getAttribute(`#batch-summary li[data-verdict="${v}"]`, 'data-count');
  out.over = await page.getAttribute('#batch-summary', 'data-over-claimed');
  return out;
}

test('a run is kept, and a reload shows its file, time, summary and grid', async () => {
  assert.equal(await page.locator('#desk-kept').count(), 0, 'nothing kept yet');
  const before = Date.now();
  await page.setInputFiles('#claims-file', file);
  await page.waitForSelector('#batch-progress[data-finished=true]', { timeout: 120_000 });
  await page.waitForSelector('#desk-kept[data-restored=false]', { timeout: 30_000 });
  const first = await summary();
  assert.equal(first.claims, String(N));
  await page.selectOption('#grid-verdict', 'not_match');
  const flagged = await page.getAttribute('#claims-grid', 'data-rows');

  await page.reload();
  await page.waitForSelector('#desk-kept[data-restored=true]', { timeout: 30_000 });
  assert.equal(await page.getAttribute('#desk-kept', 'data-name'), basename(file));
  const when = Number(await page.getAttribute('#desk-kept', 'data-when'));
  assert.ok(when >= before - 1000 && when <= Date.now(), `kept at ${when}`);
  const text = await page.locator('#desk-kept').innerText();
  assert.ok(text.includes(basename(file)), text);
  assert.match(text, /重新选择/);
  mkdirSync(SHOTS, { recursive: true });
  await page.locator('#desk-kept').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'desk-restored-zh.png') });
  assert.deepEqual(await summary(), first, 'the summary is back');
  assert.equal(await page.getAttribute('#batch-progress', 'data-phase'), 'done');
  // The grid's filter stays too (kept for the tab: view.rs KEY_GRID).
  assert.equal(await page.inputValue('#grid-verdict'), 'not_match', 'the filter stays');
  assert.equal(await page.getAttribute('#claims-grid', 'data-rows'), flagged);
  await page.selectOption('#grid-verdict', '');
  assert.equal(await page.getAttribute('#claims-grid', 'data-rows'), String(N), 'every row is in the grid');
  await page.selectOption('#grid-verdict', 'not_match');
  assert.equal(await page.getAttribute('#claims-grid', 'data-rows'), flagged);
  assert.equal(await page.getAttribute('#grid-table tbody tr >> nth=0', 'data-verdict') === 'match', false);
  // An invalid row's error is kept with it.
  assert.match(await page.locator('#grid-table tbody tr[data-verdict="invalid_input"] >> nth=0 >> td.row-error').innerText(), /：/);
  // No file at hand: the downloads say plainly the file is needed, with a chooser right there;
  // a click on a claim says so too, with its own chooser.
  assert.equal(await page.locator('#batch-download').count(), 0);
  const dl = page.locator('#refile-download');
  assert.match(await dl.innerText(), new RegExp(`重新选择“${basename(file).replace('.', '\\.')}”`));
  assert.equal(await dl.locator('input[type=file]').count(), 1, 'a chooser by the downloads');
  assert.ok(await page.locator('#downloads-need-file button[disabled]').count() >= 1, 'the download buttons, disabled');
  await page.click('#grid-table tbody tr >> nth=0');
  await page.waitForSelector('#claim-detail[data-error=true]');
  assert.match(await page.locator('#claim-detail').innerText(), /重新选择/);
  assert.equal(await page.locator('#refile-detail input[type=file]').count(), 1, 'a chooser by the message');
  await assertHealthy(page);
});

test('the same file chosen again is taken back: downloads and recomputation, no new run', async () => {
  // Chosen with the chooser by the drill-down's message.
  await page.setInputFiles('#refile-detail input[type=file]', file);
  await page.waitForSelector('#batch-download');
  assert.equal(await page.getAttribute('#desk-kept', 'data-restored'), 'true', 'not verified again');
  await page.selectOption('#grid-verdict', 'over_claimed');
  await page.click('#grid-table tbody tr >> nth=0');
  await page.waitForSelector('#claim-detail[data-verdict="over_claimed"]');
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('#batch-download')]);
  assert.match(dl.suggestedFilename(), /\.report\.jsonl$/);
  await assertHealthy(page);
});

test('clearing forgets the results, here and after a reload', async () => {
  await page.click('#desk-forget');
  await page.waitForSelector('#desk-kept', { state: 'detached' });
  assert.equal(await page.locator('#batch-summary').count(), 0);
  await page.reload();
  await page.waitForSelector('#claims-file');
  await page.waitForTimeout(1000);
  assert.equal(await page.locator('#desk-kept').count(), 0, 'nothing comes back');
  assert.equal(await page.locator('#batch-summary').count(), 0);
  await assertHealthy(page);
});

test('a stopped run comes back marked partial', async () => {
  await page.setInputFiles('#claims-file', file);
  await page.waitForSelector('#batch-progress[data-finished=true]', { timeout: 120_000 });
  await page.waitForSelector('#desk-kept[data-restored=false]', { timeout: 30_000 });
  // A stopped run (the file is small, so the stop is simulated after the run: the same path).
  await page.setInputFiles('#claims-file', file);
  const clicked = await page.locator('#batch-cancel').click({ timeout: 1000 }).then(() => true, () => false);
  await page.waitForSelector('#batch-progress[data-finished=true]', { timeout: 120_000 });
  await page.waitForSelector('#desk-kept[data-restored=false]', { timeout: 30_000 });
  const phase = await page.getAttribute('#batch-progress', 'data-phase');
  const claims = await page.getAttribute('#batch-summary', 'data-claims');
  await page.reload();
  await page.waitForSelector('#desk-kept[data-restored=true]', { timeout: 30_000 });
  assert.equal(await page.getAttribute('#batch-progress', 'data-phase'), phase);
  assert.equal(await page.getAttribute('#batch-summary', 'data-claims'), claims);
  if (clicked && phase === 'partial') assert.ok(await page.locator('#batch-partial').isVisible());
  await assertHealthy(page);
});
