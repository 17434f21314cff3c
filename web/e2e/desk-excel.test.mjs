// The claim desk and Excel: the claims template (.xlsx and CSV with its column notes) downloaded,
// a filled-in workbook (Chinese header row, numbers, dates and text cells) verified as the command
// line verifies it, reports written as .xlsx, a named sheet, a bad header named with the template
// offered, and a generated workbook of 10⁵ claims (every row reported).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, rm } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { launch, newPage, assertHealthy, BASE, ROOT } from './helpers.mjs';
import { xlsx, claimRows, parseCsv, unzip } from './desk-gen.mjs';

const N = Number(process.env.DESK_XLSX_N || 100_000);
const DESK = new URL('desk.html', BASE).href;
const dir = mkdtempSync(join(tmpdir(), 'tuoyu-desk-xlsx-'));
let ctx;
let page;
let claimsCsv;
let zhOf;
before(async () => {
  claimsCsv = await readFile(join(ROOT, 'fixtures/claims.csv'), 'utf8');
  ctx = await launch();
  page = await newPage(ctx);
  await page.goto(DESK);
  await page.waitForSelector('#claims-file');
});
after(async () => { await ctx?.close(); await rm(dir, { recursive: true, force: true }); });

async function download(selector) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.click(selector)]);
  return { name: d.suggestedFilename(), body: await readFile(await d.path()) };
}

async function drop(name, body) {
  await page.setInputFiles('#claims-file', { name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: body });
  await page.waitForSelector('#batch-progress[data-finished=true]', { timeout: 300_000 });
}

test('the claims template downloads as .xlsx, and as CSV with column notes in Chinese', async () => {
  const x = await download('#template-xlsx');
  assert.equal(x.name, 'claims-template.xlsx');
  assert.equal(x.body.subarray(0, 2).toString('latin1'), 'PK', 'a zip (xlsx) file');
  const downloads = [];
  const on = (d) => downloads.push(d);
  page.on('download', on);
  await page.click('#template-download');
  for (let i = 0; i < 50 && downloads.length < 2; i++) await page.waitForTimeout(100);
  page.off('download', on);
  assert.equal(downloads.length, 2);
  const notes = parseCsv((await readFile(await downloads[1].path(), 'utf8')).replace(/^\uFEFF/, ''));
  assert.deepEqual(notes[0].slice(0, 2), ['列名', '英文列名 column']);
  zhOf = Object.fromEntries(notes.slice(1).filter((r) => r.length >= 4).map((r) => [r[1], r[0]]));
  assert.equal(zhOf.year, '所属年度');
  assert.ok(notes.slice(1).some((r) => r[2].includes('必填')), 'required columns said');
  // Every column the reader takes, the second property, plot and acquisition too.
  for (const c of ['vat_period', 'nursery_vat_law', 'region', 'land_used_from', 'land_used_to', 'property2_original_value', 'land2_area_m2']) {
    assert.ok(zhOf[c], `the notes explain ${c}`);
  }
  // The workbook template, dropped back as it is, is its example claim: one row, verified as
  // claimed (match).
  await drop('claims-template.xlsx', x.body);
  assert.equal(await page.getAttribute('#batch-summary', 'data-claims'), '1');
  assert.equal(await page.getAttribute('#batch-summary li[data-verdict="match"]', 'data-count'), '1');
  await assertHealthy(page);
});

test('a filled-in workbook (Chinese header, number, date and text cells) is verified row by row', async () => {
  const head = parseCsv(claimsCsv)[0];
  const zhHead = head.map((h) => zhOf[h] || h);
  const body = parseCsv(claimsCsv).filter((r) => r.length > 1).length - 1;
  const { rows, want } = claimRows(claimsCsv, body * 2, zhHead);
  await drop('filled-template.xlsx', xlsx(rows, '申报'));
  assert.equal(await page.getAttribute('#batch-progress', 'data-phase'), 'done');
  assert.equal(await page.getAttribute('#batch-summary', 'data-claims'), String(body * 2));
  for (const [v, count] of Object.entries(want)) {
    assert.equal(await page.getAttribute(`#batch-summary li[data-verdict="${v}"]`, 'data-count'), String(count), v);
  }
  // The CSV report: each row the verdict its id names, on its Excel row number.
  await page.waitForSelector('#download-csv:not([disabled])');
  const csv = await download('#download-csv');
  // In Chinese (the page's language): Chinese headings and verdict words, after a BOM.
  const word = Object.fromEntries(await page.$$eval('#batch-summary li[data-verdict]', (ls) =>
    ls.map((l) => [l.dataset.verdict, l.querySelector('.verdict').textContent])));
  assert.equal(csv.body.subarray(0, 3).toString('hex'), 'efbbbf', 'a UTF-8 BOM for Excel');
  const out = parseCsv(csv.body.subarray(3).toString('utf8')).filter((r) => r.length > 1);
  assert.deepEqual(out[0].slice(0, 3), ['行号', '申报编号', '结论']);
  assert.equal(out.length - 1, body * 2, 'rows in = rows out');
  out.slice(1).forEach((r, i) => {
    assert.equal(r[0], String(i + 2), 'the Excel row number');
    assert.equal(r[2], word[r[1].split('--')[0]], `row ${r[0]} (${r[1]})`);
  });
  // The report as a workbook.
  await page.waitForSelector('#batch-download:not([disabled])');
  const rep = await download('#batch-download');
  assert.match(rep.name, /\.report\.xlsx$/);
  assert.equal(rep.body.subarray(0, 2).toString('latin1'), 'PK');
  await writeFile(join(dir, 'report.xlsx'), rep.body);
  // A claim of the workbook recomputed in full.
  await page.click('#grid-table tbody tr >> nth=0');
  await page.waitForSelector('#claim-detail li[data-line-id]');
  assert.equal(await page.getAttribute('#claim-detail', 'data-line'), '2');
  await assertHealthy(page);
});

test('the Excel report: a formula-like id as typed (no CSV guard), the sheet named in the page language, money as #,##0.00', async () => {
  const { rows } = claimRows(claimsCsv, 3);
  rows[1][0] = '=KM-009';
  await drop('guard.xlsx', xlsx(rows));
  await page.waitForSelector('#batch-summary[data-claims="3"]');
  for (const [lang, sheet] of [['zh', '核对结果'], ['en', 'Verification']]) {
    if (!(await page.evaluate(() => document.documentElement.lang)).startsWith(lang)) await page.click('#lang-toggle');
    await page.waitForSelector('#batch-download:not([disabled])');
    const files = unzip((await download('#batch-download')).body);
    const book = files.get('xl/workbook.xml').toString('utf8');
    assert.match(book, new RegExp(`<sheet name="${sheet}"`), `${lang}: ${book}`);
    const strings = files.get('xl/sharedStrings.xml')?.toString('utf8') ?? '';
    const cells = strings + files.get('xl/worksheets/sheet1.xml').toString('utf8');
    assert.ok(cells.includes('>=KM-009<'), `${lang}: the id as typed`);
    assert.ok(!/(&apos;|')=KM-009/.test(cells), `${lang}: no ' before the id`);
    const styles = files.get('xl/styles.xml').toString('utf8');
    assert.match(styles, /formatCode="#,##0.00"/, `${lang}: money format`);
  }
  await page.click('#lang-toggle');
  await page.waitForFunction(() => document.documentElement.lang.startsWith('zh'));
  await assertHealthy(page);
});

test('a named sheet is read; a sheet that does not exist is named in the error', async () => {
  const { rows } = claimRows(claimsCsv, 3);
  const book = xlsx(rows, '三月');
  await page.fill('#sheet-name', '四月');
  await drop('march.xlsx', book);
  assert.equal(await page.getAttribute('#batch-progress', 'data-phase'), 'failed');
  const msg = await page.locator('#batch-progress .err').innerText();
  assert.match(msg, /四月/);
  assert.match(msg, /三月/);
  await page.fill('#sheet-name', '三月');
  await drop('march.xlsx', book);
  assert.equal(await page.getAttribute('#batch-summary', 'data-claims'), '3');
  await page.fill('#sheet-name', '');
  page.errors.length = 0;
  await assertHealthy(page);
});

test('a workbook with a wrong header is refused: the unknown and missing columns named (in Chinese for a Chinese header), the template offered', async () => {
  // The report workbook is not a claims file: its columns are unknown and `year` is missing.
  // Refused (as the command line refuses it): no run, no rows.
  await page.setInputFiles('#claims-file', { name: 'report.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await readFile(join(dir, 'report.xlsx')) });
  const banner = page.locator('#header-error');
  await banner.waitFor({ timeout: 60_000 });
  const text = await banner.innerText();
  assert.match(text, /未知的列：行号、/);
  // Its headings are Chinese: the missing columns are named in Chinese.
  assert.match(text, /缺少必需的列：所属年度/);
  assert.equal(await page.locator('#claims-grid').count(), 0, 'no rows');
  assert.ok(!text.includes('--help'), 'no command-line help in the browser');
  assert.equal(await banner.locator('#template-xlsx').count(), 1, 'the template is offered');
  await assertHealthy(page);
});

test(`a generated workbook of ${N} claims: every row reported, counts by verdict`, async () => {
  const t = Date.now();
  const { rows, want } = claimRows(claimsCsv, N);
  const book = xlsx(rows, 'claims');
  const file = join(dir, 'district.xlsx');
  await writeFile(file, book);
  console.log(`# desk xlsx: generated ${N} claims, ${book.length} bytes, in ${Date.now() - t} ms`);
  const t0 = Date.now();
  await page.setInputFiles('#claims-file', file);
  await page.waitForSelector('#batch-progress[data-finished=true]', { timeout: 300_000 });
  const ms = Date.now() - t0;
  assert.equal(await page.getAttribute('#batch-progress', 'data-phase'), 'done');
  assert.equal(await page.getAttribute('#batch-summary', 'data-claims'), String(N));
  for (const [v, count] of Object.entries(want)) {
    assert.equal(await page.getAttribute(`#batch-summary li[data-verdict="${v}"]`, 'data-count'), String(count), v);
  }
  console.log(`# desk xlsx: ${N} claims from a workbook in ${ms} ms in the browser (${Math.round(N / (ms / 1000))} claims/s)`);
  await assertHealthy(page);
});
