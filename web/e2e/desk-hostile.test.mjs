// No row lost in the browser: every file of fixtures/hostile/ dropped on the claim desk gives one
// report per row, in order, on its physical line, the unreadable ones `invalid_input` naming the
// column — checked against fixtures/hostile/expected.json, the expectations tests/tests/hostile.rs
// holds the library and the command line to (the browser reads with the library's readers).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, newPage, assertHealthy, BASE, ROOT } from './helpers.mjs';

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
