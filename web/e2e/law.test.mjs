// The law as filers meet it (SPEC §12, issue 12) on the page, typed into the real inputs:
// the filing period of a small-scale taxpayer and the sweep's quarterly threshold, the VAT Law's
// nursery, the "if extended" switch and its marked figures, the region's code; with screenshots
// (zh/en, desktop/phone).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, ROOT, SHOTS, launch, newPage, assertHealthy, sel, fixtures, typeRequest, checkExpect } from './helpers.mjs';

let ctx;
let page;
before(async () => { ctx = await launch(); page = await newPage(ctx); await page.goto(BASE); await page.waitForSelector('#app header'); });
after(async () => { await ctx?.close(); });

const fx = (name) => fixtures().find((f) => f.file === name);

/** The value in force on `date` of a parameter in calc-core/data/parameters.toml. */
function paramAt(id, date) {
  const toml = readFileSync(join(ROOT, 'calc-core/data/parameters.toml'), 'utf8');
  const block = toml.split('[[parameter]]').find((b) => b.includes(`id = "${id}"`));
  let found;
  for (const v of block.split('[[parameter.values]]').slice(1)) {
    const from = /from = "([^"]+)"/.exec(v)?.[1];
    const to = /\nto = "([^"]+)"/.exec(v)?.[1];
    if (from <= date && (!to || date <= to)) found = /value = "([^"]+)"/.exec(v)?.[1];
  }
  return found;
}

async function setLang(lang) {
  const now = await page.evaluate(() => document.documentElement.lang);
  if (!now.startsWith(lang)) await page.click('#lang-toggle');
  await page.waitForFunction((l) => document.documentElement.lang.startsWith(l), lang);
}

async function shots(name, locator) {
  for (const lang of ['zh', 'en']) {
    await setLang(lang);
    for (const [tag, size] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
      await page.setViewportSize(size);
      await page.waitForTimeout(50);
      await page.locator(locator).first().screenshot({ path: join(SHOTS, `law-${name}-${lang}-${tag}.png`) });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await setLang('zh');
}

test('the filing period is asked of a small-scale taxpayer; quarterly filing typed in gives the fixture; the sweep labels the quarterly threshold from the parameter', async () => {
  await page.click('[data-view="estimate"]');
  await page.click('#clear');
  await page.selectOption(sel('taxpayer.vat'), 'general');
  assert.equal(await page.locator(sel('taxpayer.vat_period')).count(), 0, 'no filing period for a general taxpayer');
  await page.selectOption(sel('taxpayer.vat'), 'small_scale');
  assert.equal(await page.locator(sel('taxpayer.vat_period')).count(), 1, 'the filing period for a small-scale taxpayer');

  const q = fx('small-scale-quarterly-2026.json');
  await typeRequest(page, q.request);
  await checkExpect(page, q);
  // The same revenue filed by month gives another VAT line (the quarter is what counts).
  await page.selectOption(sel('taxpayer.vat_period'), 'month');
  await page.waitForFunction(() => document.querySelector('[data-line-id="vat_exemption"]')?.getAttribute('data-amount') !== '4455.45');
  await page.selectOption(sel('taxpayer.vat_period'), 'quarter');
  await checkExpect(page, q);

  // The sweep over annual revenue: the break at the quarterly threshold carries its label.
  await page.click('[data-view="sweep"]');
  await page.waitForSelector('#sweep-revenue');
  const t = Number(paramAt('national.vat.small_scale_threshold_quarterly', '2026-12-31'));
  assert.ok(t > 0, 'the quarterly threshold in the parameter data');
  const labels = await page.locator('#sweep-revenue .mark-label').allTextContents();
  const want = `季度销售额 ${t / 10000} 万元`;
  assert.ok(labels.some((l) => l.includes(want)), `a mark labelled “${want}”: ${JSON.stringify(labels)}`);
  const x = Number(await page.locator('#sweep-revenue g.mark', { has: page.locator('.mark-label') }).first().getAttribute('data-x'));
  assert.ok(Math.abs(x - 4 * t) < t, `the labelled break ${x} lies near four quarters at the threshold`);
  await shots('sweep-quarterly', '#sweep-revenue');
  await assertHealthy(page);
});

test('a nursery under the VAT Law keeps its exemption in 2028; the "if extended" switch marks every scenario figure', async () => {
  const n = fx('vat-law-nursery-2028.json');
  await typeRequest(page, n.request);
  await checkExpect(page, n);
  assert.equal(await page.locator(sel('facility.nursery_vat_law')).isChecked(), true);
  await page.setChecked(sel('facility.nursery_vat_law'), false);
  await page.waitForSelector('[data-line-id="vat_exemption"][data-status="not_in_force"]');
  // The request is saved when typing pauses (app.rs SAVE_DELAY_MS): wait for it.
  const saved = (f, arg) => page.waitForFunction(f, arg, { timeout: 3000 });
  await saved(() => JSON.parse(localStorage.getItem('tuoyu.request')).facility.nursery_vat_law === undefined)
    .catch(() => assert.fail('unticked: left out of the request'));

  // The switch is offered only for a year after the published end.
  await page.fill(sel('year'), '2027');
  await page.waitForSelector('#total');
  assert.equal(await page.locator('#scenario-switch').count(), 0, 'no switch in 2027');
  const s = fx('scenario-small-scale-2028.json');
  const { scenario, ...plain } = s.request;
  await typeRequest(page, plain);
  await page.waitForSelector('[data-line-id="vat_exemption"][data-status="not_in_force"]');
  assert.equal(await page.locator('.scenario-tag').count(), 0, 'no scenario mark without the scenario');
  await page.check('#scenario-switch');
  assert.equal(await page.inputValue(sel('scenario.extend_community_to')), scenario.extend_community_to);
  await checkExpect(page, s);
  await saved((want) => JSON.stringify(JSON.parse(localStorage.getItem('tuoyu.request')).scenario) === want, JSON.stringify(scenario))
    .catch(() => assert.fail(`the request holds scenario ${JSON.stringify(scenario)}`));
  for (const id of Object.keys(s.expect.lines)) {
    assert.equal(await page.locator(`[data-line-id="${id}"] .scenario-tag`).count(), 1, `${id} is marked as a scenario`);
  }
  await shots('scenario', '.results');

  await page.click('[data-view="estimate"]');
  await page.uncheck('#scenario-switch');
  await saved(() => JSON.parse(localStorage.getItem('tuoyu.request')).scenario === undefined)
    .catch(() => assert.fail('switched off: no scenario in the request'));
  await assertHealthy(page);
});

test('the region: a division code typed in gives the fixture of a region without a pack; a code that is no division is named', async () => {
  await page.click('[data-view="estimate"]');
  await page.click('#clear');
  await page.fill(sel('facility.region'), '5301');
  await page.waitForSelector('#error[data-path="facility.region"]');

  const r = fx('region-national-only-2026.json');
  await typeRequest(page, r.request);
  await checkExpect(page, r);
  await shots('region', '#s-facility');
  await assertHealthy(page);
});
