// The law as filers meet it (SPEC §12, issue 12) on the page, typed into the real inputs:
// the filing period of a small-scale taxpayer and the sweep's quarterly threshold, the VAT Law's
// nursery, the "if extended" switch and its marked figures, the region's code, 家长实付 for a
// family; with screenshots (zh/en, desktop/phone).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, ROOT, SHOTS, launch, newPage, assertHealthy, openLink, sel, fixtures, typeRequest, checkExpect } from './helpers.mjs';

let ctx;
let page;
before(async () => { ctx = await launch(); page = await newPage(ctx); await page.goto(BASE); await page.waitForSelector('#app header'); });
after(async () => { await ctx?.close(); });

const fx = (name) => fixtures().find((f) => f.file === name);
const households = readdirSync(join(ROOT, 'fixtures/sections')).filter((f) => f.startsWith('household')).sort()
  .map((f) => ({ file: f, ...JSON.parse(readFileSync(join(ROOT, 'fixtures/sections', f), 'utf8')) }));

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
  // The default (monthly) is one option, not "按月申报（默认）" beside "按月申报".
  assert.deepEqual(await page.locator(`${sel('taxpayer.vat_period')} option`).allTextContents(), ['按月申报（默认）', '按季申报']);
  assert.equal(await page.inputValue(sel('taxpayer.vat_period')), 'month', 'a blank period shows as monthly');

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

test('a nursery under the VAT Law keeps its exemption in 2028; the "if extended" switch marks every scenario figure; 2027 against 2028', async () => {
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
  // The total that counts them says so beside it.
  assert.match(await page.textContent('#totals #total-scenario'), /情景/);
  await shots('scenario', '.results');

  // The comparison: each column assessed by calc-core with only the year and the scenario changed.
  const total = await page.getAttribute('#total', 'data-amount');
  await page.click('[data-view="sweep"]');
  await page.waitForSelector('#year-compare tr.total td');
  const cells = await page.locator('#year-compare tr.total td').evaluateAll((els) => els.map((e) => [e.dataset.year, e.dataset.scenario, e.dataset.value]));
  assert.deepEqual(cells.map((c) => c.slice(0, 2)), [['2027', 'false'], ['2028', 'false'], ['2028', 'true']]);
  // 2028 with the scenario is the scenario fixture's total; 2027 is the same facility under the
  // published law (the scenario carries 2027's law on), so the two agree; 2028 without it saves
  // nothing.
  assert.equal(cells[2][2], total, '2028 if extended: the total of the estimate page');
  assert.ok(Number(total) >= 17821.78 + 1069.31, `the fixture's lines are in the total ${total}`);
  assert.equal(cells[0][2], total, '2027 = 2028 if extended');
  assert.equal(cells[1][2], '0.00', 'nothing in 2028 without the extension');
  assert.equal(await page.locator('#year-compare th.scenario .scenario-tag').count(), 1);
  await shots('compare', '#year-compare');

  // A claim is judged on the law as published: the one-claim page refuses the scenario naming
  // the switch, not the JSON path, with a link back to it.
  await page.click('[data-view="verify"]');
  await Promise.all([page.waitForURL(/desk-claim\.html#r=/), page.click('#open-claim')]);
  await page.waitForSelector('#claim-report .err[data-path="request.scenario"]');
  const refused = await page.locator('#claim-report .err').innerText();
  assert.match(refused, /请在优惠测算中关闭“若政策延续”/);
  assert.doesNotMatch(refused, /request\.|（scenario）/);
  await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('desk-claim.html')), page.click('#claim-report .err a')]);
  await page.waitForSelector('#scenario-switch:checked');
  // Back to a year of the published preferences, where it changes nothing (SPEC §12.3): no
  // switch, and no scenario in the request — the link, the export, the claim.
  await page.fill(sel('year'), '2026');
  await page.waitForSelector('#scenario-switch', { state: 'detached' });
  await saved(() => { const r = JSON.parse(localStorage.getItem('tuoyu.request')); return r.year === 2026 && r.scenario === undefined; })
    .catch(() => assert.fail('2026: no scenario in the request'));
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-request')]);
  const exported = JSON.parse(readFileSync(await dl.path(), 'utf8'));
  assert.equal(exported.year, 2026);
  assert.equal(exported.scenario, undefined, 'the exported request of 2026 holds no scenario');
  // The year after again (in this tab): the switch as it was left.
  await page.fill(sel('year'), '2028');
  await page.waitForSelector('#scenario-switch:checked');
  await page.fill(sel('year'), '2026');
  await page.waitForSelector('#scenario-switch', { state: 'detached' });
  await page.click('[data-view="verify"]');
  await Promise.all([page.waitForURL(/desk-claim\.html#r=/), page.click('#open-claim')]);
  await page.waitForSelector('#claim-report');
  assert.equal(await page.locator('#claim-report .err').count(), 0, 'the claim of 2026 is not refused');
  await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('desk-claim.html')), page.click('#to-calculator')]);
  // Back from the desk (the 2026 link holds no scenario): 2028 with the switch on again.
  await page.fill(sel('year'), '2028');
  await page.check('#scenario-switch');

  await page.click('[data-view="estimate"]');
  await page.uncheck('#scenario-switch');
  await saved(() => JSON.parse(localStorage.getItem('tuoyu.request')).scenario === undefined)
    .catch(() => assert.fail('switched off: no scenario in the request'));
  assert.equal(await page.locator('#total-scenario').count(), 0, 'no scenario mark on the total without the scenario');
  await assertHealthy(page);
});

test('家长实付: every household fixture typed into the view gives its figures, each with its law; printable', async () => {
  let checked = 0;
  for (const h of households) {
    const { household, ...rest } = h.request;
    await openLink(page, rest);
    await page.click('[data-view="household"]');
    await page.waitForSelector('#household-result');
    for (let i = 0; i < household.children.length; i++) await page.click('[data-add="household.children"]');
    for (const [i, c] of household.children.entries()) await page.fill(sel(`household.children[${i}].birth_date`), c.birth_date);
    if (household.monthly_fee) await page.fill(sel('household.monthly_fee'), household.monthly_fee);
    if ('months_enrolled' in household) await page.fill(sel('household.months_enrolled'), String(household.months_enrolled));
    if (household.iit_marginal_rate) await page.fill(sel('household.iit_marginal_rate'), household.iit_marginal_rate);
    if (household.iit_deduction_share) await page.selectOption(sel('household.iit_deduction_share'), household.iit_deduction_share);
    // The request is saved when typing pauses (app.rs SAVE_DELAY_MS): read it until it holds the family.
    const sorted = (v) => JSON.stringify(v, (k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x));
    await page.waitForFunction((want) => {
      const sorted = (v) => JSON.stringify(v, (k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x));
      return sorted(JSON.parse(localStorage.getItem('tuoyu.request'))?.household) === want;
    }, sorted(household), { timeout: 3000 }).catch(() => assert.fail(`${h.file}: the request built from the view holds the family`));
    if (h.expect.error) {
      await page.waitForSelector(`#household-result [role=alert][data-path="${h.expect.error.path}"]`);
      checked++;
      continue;
    }
    const want = h.expect.sections.household;
    await page.waitForSelector(`#hh-net[data-amount="${want.totals.net_cost}"]`);
    for (const [k, id] of [['fees', 'hh-fees'], ['subsidy', 'hh-subsidy'], ['tax_saved', 'hh-tax'], ['net_cost', 'hh-net']]) {
      assert.equal(await page.getAttribute(`#${id}`, 'data-amount'), want.totals[k], `${h.file}: ${k}`);
      checked++;
    }
    const rows = await page.locator('ul.household-children li').evaluateAll((els) => els.map((e) => ({ ...e.dataset })));
    for (const [i, c] of (want.children || []).entries()) {
      assert.equal(rows[i].months, String(c.months_under_3), `${h.file}: child ${i + 1} months`);
      assert.equal(rows[i].subsidy, c.subsidy, `${h.file}: child ${i + 1} subsidy`);
      assert.equal(rows[i].deduction, c.deduction, `${h.file}: child ${i + 1} deduction`);
      assert.equal(rows[i].taxSaved, c.tax_saved, `${h.file}: child ${i + 1} tax saved`);
      checked += 4;
    }
    // Each benefit with its law (the parameter's citation), when the year has the benefit.
    if (Number(want.totals.subsidy) > 0) assert.match(await page.innerText('#hh-subsidy .cite'), /育儿补贴/);
    if (Number(want.totals.tax_saved) > 0) assert.match(await page.innerText('#hh-tax .cite'), /\S/);
    // The steps number the children for people: no request path in the text.
    assert.ok(!/children\[|household\./.test(await page.textContent('#household-result')), `${h.file}: no request path shown`);
    if (h.file === 'household-two-children-2026.json') {
      await shots('household', '#household-result');
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('#household-result').isVisible(), true, 'printed');
      assert.equal(await page.locator('form.inputs').isVisible(), false, 'the inputs are not printed');
      assert.equal(await page.locator('#household-print').isVisible(), false);
      await page.screenshot({ path: join(SHOTS, 'law-household-print.png'), fullPage: true });
      await page.emulateMedia({ media: 'screen' });
    }
  }
  console.log(`# household fixtures typed: ${households.length}, values checked: ${checked}`);
  assert.ok(households.length >= 3 && checked > 20);
  await assertHealthy(page);
});

test('the region: its packs by name; a code that is no division is named; a region without a pack lists its missing local figures by label, and 去填写 opens the override with the figure ready for its value', async () => {
  await page.click('[data-view="estimate"]');
  await page.click('#clear');
  assert.equal(await page.innerText('#region-names'), '云南省 · 昆明市 · 晋宁区');
  await page.fill(sel('facility.region'), '530100');
  await page.waitForSelector('#region-info[data-code="530100"]');
  assert.equal(await page.innerText('#region-names'), '云南省 · 昆明市');
  await page.fill(sel('facility.region'), '5301');
  await page.waitForSelector('#error[data-path="facility.region"]');

  const r = fx('region-national-only-2026.json');
  await typeRequest(page, r.request);
  await checkExpect(page, r);
  // A missing local figure's link goes to the parameter overrides box (it had no field to find).
  const go = page.locator('#headline-missing [data-path^="parameters."]');
  assert.ok(await go.count() > 0, 'the missing local figures are linked');
  // ... by their labels, not their ids.
  const headMissing = await page.innerText('#headline-missing');
  assert.ok(!/[a-z]+\.[a-z_]+\.[a-z_]+/.test(headMissing), `no parameter id in the headline: ${headMissing}`);
  assert.match(headMissing, /参数：/);
  await go.first().click();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'parameters');
  assert.equal(await page.locator('#region-names').count(), 0, 'no pack for 440305');
  // Each local figure a line misses, once, by its parameter's label (never its id).
  const missing = await page.locator('#region-info .missing-local [data-param]').evaluateAll((els) => els.map((e) => e.dataset.param));
  assert.deepEqual([...missing].sort(), ['district.utilities.household_prices', 'province.deed_tax.rate', 'province.property_tax.deduction_ratio']);
  const info = await page.innerText('#region-info');
  assert.ok(!/[a-z]+\.[a-z_]+\.[a-z_]+/.test(info), `no parameter id shown: ${info}`);
  assert.match(info, /契税/);
  await shots('region', '#s-facility');
  // 去填写: the overrides open with the figure's id and the cursor in its value; typing the
  // value gives the fixture with the province's rate supplied.
  await page.click('#region-info [data-param="province.deed_tax.rate"]');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'parameters');
  await page.keyboard.type('0.03');
  // The override fixture's deed tax line: the same acquisition with the province's rate typed in.
  const o = fx('region-national-only-override-2026.json');
  await page.waitForSelector(`[data-line-id="deed_tax"][data-status="applies"][data-amount="${o.expect.lines.deed_tax.amount}"]`);
  // The request is saved when typing pauses (app.rs SAVE_DELAY_MS).
  await page.waitForFunction((want) => JSON.stringify(JSON.parse(localStorage.getItem('tuoyu.request')).parameters) === want, JSON.stringify(o.request.parameters), { timeout: 3000 });
  await page.waitForFunction(() => !document.querySelector('#region-info [data-param="province.deed_tax.rate"]'));
  await assertHealthy(page);
});
