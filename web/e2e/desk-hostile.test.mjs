// No row lost in the browser: every file of fixtures/hostile/ dropped on the claim desk gives one
// report per row, in order, on its physical line, the unreadable ones `invalid_input` naming the
// column — checked against fixtures/hostile/expected.json, the expectations tests/tests/hostile.rs
// holds the library and the command line to (the browser reads with the library's readers).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, newPage, assertHealthy, claimFixtures, BASE, ROOT } from './helpers.mjs';

const DIR = join(ROOT, 'fixtures/hostile');
const cases = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8'));
let ctx;
let page;
before(async () => {
  ctx = await launch();
  page = await newPage(ctx);
  await page.goto(new URL('desk.html', BASE).href);
  await page.waitForSelector('#claims-file');
});
after(async () => { await ctx?.close(); });

/** The expectations for the browser: `readers.browser`, else the library's, over the common ones. */
function expectFor(c) {
  return { ...c, ...(c.readers?.browser || c.readers?.library || {}) };
}

const lines = (ranges) => ranges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => a + i));

const tally = [];
for (const c of cases) {
  test(`${c.file}: ${c.what} — rows in = rows out`, async () => {
    const e = expectFor(c);
    const body = readFileSync(join(DIR, c.file));
    await page.setInputFiles('#claims-file', { name: c.file, mimeType: 'application/octet-stream', buffer: body });
    await page.waitForSelector('#batch-progress[data-finished=true]', { timeout: 60_000 });
    assert.equal(await page.getAttribute('#batch-progress', 'data-phase'), 'done', c.file);
    assert.equal(await page.getAttribute('#batch-summary', 'data-claims'), String(e.reports), `${c.file}: reports`);
    const button = c.file.endsWith('.jsonl') ? '#batch-download' : '#download-jsonl';
    await page.waitForSelector(`${button}:not([disabled])`);
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    const reports = (await readFile(await dl.path(), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
    assert.equal(reports.length, e.reports, `${c.file}: rows out`);
    assert.deepEqual(reports.map((r) => r.line), lines(e.lines), `${c.file}: the report lines`);
    for (const r of reports) {
      const bad = (e.invalid || []).find((i) => i.line === r.line);
      if (bad) {
        assert.equal(r.verdict, 'invalid_input', `${c.file} line ${r.line}`);
        assert.equal(r.error?.path, bad.path, `${c.file} line ${r.line}: the column`);
        assert.ok(r.error?.error_en.includes(bad.en_contains), `${c.file} line ${r.line}: ${r.error?.error_en}`);
      } else assert.equal(r.verdict, e.others || 'match', `${c.file} line ${r.line}: ${JSON.stringify(r.error || '')}`);
    }
    tally.push(`${c.file} ${reports.length}/${e.reports}`);
    await assertHealthy(page);
  });
}

test('rows in = rows out on every hostile file (summary)', () => {
  console.log(`# desk hostile: ${tally.join(', ')}`);
  assert.equal(tally.length, cases.length);
});

// A worker reads its chunk of a JSON Lines file with a margin past the chunk's end for its last
// line, and reads on when that line is longer: lines of 20–60 KB (JSON whitespace inside the
// object) across the chunk ends must each give one report, in order.
test('JSON Lines with lines longer than the read margin at chunk ends — rows in = rows out', async () => {
  const fx = claimFixtures();
  const n = 1500;
  const want = {};
  const out = [];
  for (let i = 0; i < n; i++) {
    const f = fx[i % fx.length];
    const text = JSON.stringify({ ...f.claim, id: `long${String(i + 1).padStart(5, '0')}` });
    const pad = i % 5 === 2 ? ' '.repeat(20_000 + ((i * 7919) % 40_000)) : '';
    out.push(`{${pad}${text.slice(1)}`);
    want[f.expect.verdict] = (want[f.expect.verdict] || 0) + 1;
  }
  const body = Buffer.from(out.join('\n') + '\n');
  await page.setInputFiles('#claims-file', { name: 'long-lines.jsonl', mimeType: 'application/octet-stream', buffer: body });
  await page.waitForSelector('#batch-progress[data-finished=true]', { timeout: 120_000 });
  assert.equal(await page.getAttribute('#batch-progress', 'data-phase'), 'done');
  assert.equal(await page.getAttribute('#batch-summary', 'data-claims'), String(n));
  for (const [v, count] of Object.entries(want)) {
    assert.equal(await page.getAttribute(`#batch-summary li[data-verdict="${v}"]`, 'data-count'), String(count), v);
  }
  await page.waitForSelector('#batch-download:not([disabled])');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#batch-download')]);
  const reports = (await readFile(await dl.path(), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
  assert.equal(reports.length, n, 'rows out');
  reports.forEach((r, i) => {
    assert.equal(r.line, i + 1);
    assert.equal(r.id, `long${String(i + 1).padStart(5, '0')}`);
  });
  console.log(`# desk hostile: long-lines.jsonl ${reports.length}/${n} (${(body.length / 1048576).toFixed(1)} MB)`);
  await assertHealthy(page);
});
