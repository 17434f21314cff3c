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

// A CSV file is verified by every worker: one scans it for record boundaries (calc-core's
// tokenizer) and the chunks between them are verified as they are found. Hostile rows spread over
// many chunks — quoted cells holding line ends, quotes that never close, doubled quotes, a bare
// CR inside a cell, blank lines, a BOM; LF, CRLF and CR-only line ends (then some records end in
// `\n` followed by a blank `\n`, so a chunk may not start on it) — must give one report per row,
// in order, on its physical line, as one reader over the whole file gives them.
for (const [label, end] of [['LF', '\n'], ['CRLF', '\r\n'], ['CR-only', '\r']]) {
  test(`a ${label} CSV of hostile rows over many chunks — rows in = rows out, lines and verdicts`, async () => {
    const cr = end === '\r';
    const head = 'id,year,facility_name,legal_form,community_based,service_modes,filed_with_health_commission,vat,childcare_revenue,claimed_vat_exempt_sales';
    const parts = ['\uFEFF', head, end];
    const want = []; // [line, id or null (unreadable)]
    let line = 2;
    const n = 6000;
    for (let i = 1; i <= n; i++) {
      const kind = i % 13;
      let name = '晋宁托育';
      let lines = 1;
      if (kind === 1) { name = `"晋宁${end}托育"`; lines = 2; }
      else if (kind === 4) name = '"晋宁托育'; // never closed
      else if (kind === 6 && !cr) name = '晋宁\r托育';
      else if (kind === 9) name = '"晋宁, ""托育"""';
      const id = `h-${i}`;
      parts.push(`${id},2026,${name},enterprise,true,full_day;hourly,true,general,1060000,1060000.00`);
      want.push([line, kind === 4 ? null : id]);
      line += lines;
      if (cr && i % 17 === 3) { parts.push('\n\n'); line += 1; } // a `\n` line end, then a blank line
      else parts.push(end);
      if (i % 11 === 5) { parts.push(end); line += 1; } // a blank line
    }
    const body = Buffer.from(parts.join(''));
    await page.setInputFiles('#claims-file', { name: `hostile-${label}.csv`, mimeType: 'text/csv', buffer: body });
    await page.waitForSelector('#batch-progress[data-finished=true]', { timeout: 120_000 });
    assert.equal(await page.getAttribute('#batch-progress', 'data-phase'), 'done');
    assert.equal(await page.getAttribute('#batch-summary', 'data-claims'), String(n));
    const chunks = Number(await page.getAttribute('#batch-progress', 'data-chunks'));
    assert.ok(chunks > 4, `cut into chunks: ${chunks}`);
    await page.waitForSelector('#download-jsonl:not([disabled])');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download-jsonl')]);
    const reports = (await readFile(await dl.path(), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
    assert.equal(reports.length, n, 'rows out');
    reports.forEach((r, i) => {
      const [l, id] = want[i];
      assert.equal(r.line, l, `report ${i + 1}: ${JSON.stringify(r).slice(0, 200)}`);
      if (id === null) {
        assert.equal(r.verdict, 'invalid_input', `line ${l}`);
        assert.equal(r.error?.path, 'facility_name', `line ${l}`);
        assert.ok(r.error?.error_en.includes('never closed'), r.error?.error_en);
        assert.ok(r.error?.error_en.includes(`at line ${l},`), `the file's line in the message: ${r.error?.error_en}`);
      } else {
        assert.equal(r.id, id, `line ${l}`);
        assert.equal(r.verdict, 'match', `line ${l} (${id}): ${JSON.stringify(r.error || '')}`);
      }
    });
    // A claim of a late chunk is recomputed from its chunk: the drill-down shows that claim.
    const [l, id] = want.filter(([, i]) => i && /^h-\d+$/.test(i)).at(-5);
    await page.fill('#grid-search', id);
    await page.waitForSelector('#claims-grid[data-rows="1"]');
    await page.click('#grid-table tbody tr >> nth=0');
    await page.waitForSelector(`#claim-detail[data-line="${l}"]`);
    assert.ok((await page.locator('#claim-detail h3').innerText()).includes(id), `the drill-down of ${id}`);
    await page.fill('#grid-search', '');
    console.log(`# desk hostile: ${label} CSV ${reports.length}/${n} rows in ${chunks} chunks (${(body.length / 1024).toFixed(0)} KB)`);
    await assertHealthy(page);
  });
}

// A CSV whose header cannot be used is refused, as the command line refuses it (exit 2): the
// unknown and missing columns named once, the templates offered (no command-line help), no rows.
test('a CSV with a wrong header is refused: the unknown and missing columns named, the template offered, no rows', async () => {
  const body = Buffer.from('id,yeer,facility_name\r\nh-1,2026,a\r\nh-2,2026,"b\r\nc"\r\nh-3,2026,d\r\n');
  await page.setInputFiles('#claims-file', { name: 'bad-header.csv', mimeType: 'text/csv', buffer: body });
  const banner = page.locator('#header-error');
  await banner.waitFor();
  const text = await banner.innerText();
  assert.match(text, /bad-header\.csv/);
  assert.match(text, /未知的列：yeer/);
  assert.match(text, /缺少必需的列：.*year/);
  assert.ok(!text.includes('--help'), 'no command-line help in the browser');
  assert.equal(await banner.locator('#template-xlsx').count(), 1, 'the template is offered');
  assert.equal(await page.locator('#batch-summary').count(), 0, 'no summary');
  assert.equal(await page.locator('#claims-grid').count(), 0, 'no rows');
  await assertHealthy(page);
});

// Stopped while its chunks are still being found, a CSV run keeps what was verified (partial), and
// a report written afterwards still covers the whole file: every row once, in order.
test('a CSV run stopped midway is partial; its report afterwards has every row of the file', async () => {
  const { writeCsvClaims } = await import('./desk-gen.mjs');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'tuoyu-desk-csv-'));
  const n = 200_000;
  try {
    const file = join(dir, 'district.csv');
    await writeCsvClaims(file, n);
    await page.setInputFiles('#claims-file', file);
    await page.waitForFunction(() => Number(document.querySelector('#batch-progress')?.dataset.done) > 0, null, { timeout: 60_000 });
    const rate = await page.locator('#batch-progress .rate').innerText().catch(() => '');
    const clicked = await page.locator('#batch-cancel').click({ timeout: 2000 }).then(() => true, () => false);
    await page.waitForSelector('#batch-progress[data-finished=true]', { timeout: 120_000 });
    const phase = await page.getAttribute('#batch-progress', 'data-phase');
    const done = Number(await page.getAttribute('#batch-summary', 'data-claims'));
    console.log(`# desk CSV stop: ${phase} at ${done} of ${n} rows (progress read: ${rate.replace(/\s+/g, ' ')})`);
    if (clicked && phase === 'partial') {
      assert.ok(done > 0 && done < n, `partial: ${done}`);
      assert.ok(await page.locator('#batch-partial').isVisible());
    } else assert.equal(done, n, 'finished before the click');
    await page.waitForSelector('#download-jsonl:not([disabled])');
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.click('#download-jsonl')]);
    const text = await readFile(await dl.path(), 'utf8');
    let i = 0;
    for (const l of text.split('\n')) {
      if (!l) continue;
      i++;
      const r = JSON.parse(l);
      if (r.line !== i + 1) assert.fail(`report ${i}: line ${r.line}, expected ${i + 1}`);
    }
    assert.equal(i, n, 'the report covers the whole file');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await assertHealthy(page);
});
