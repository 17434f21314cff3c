// Accessibility: axe-core (web/node_modules, injected into the page; never fetched) on every view
// of the page, in Chinese and English, at desktop and phone width, empty, filled and in error;
// and the skip link to the result.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE, ROOT, launch, newPage, assertHealthy, openLink, fixtures, sel, claimFixtures } from './helpers.mjs';

const AXE = join(ROOT, 'web/node_modules/axe-core/axe.min.js');
const spec = fixtures().find((f) => f.file === 'spec-example-2026.json');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

let ctx;
before(async () => { ctx = await launch(); });
after(async () => { await ctx?.close(); });

/** The axe violations on the page now: [{ id, impact, nodes: [target …], help }]. */
async function axe(page) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ path: AXE });
  // Results settle first: no animation or pending render is measured.
  await page.waitForTimeout(50);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}${n.any[0]?.data?.contrastRatio ? ` (${n.any[0].data.contrastRatio}:1 ${n.any[0].data.fgColor} on ${n.any[0].data.bgColor})` : ''}`),
    }));
  });
}

const counts = [];
after(() => {
  console.log('# axe violations per view (nodes): ' + counts.map(([v, n]) => `${v} ${n}`).join(', '));
});

/** Runs axe on the page as it is; its violations are listed in `fails`. */
async function check(page, view, fails) {
  const v = await axe(page);
  const nodes = v.reduce((n, x) => n + x.nodes.length, 0);
  counts.push([view, nodes]);
  const list = v.map((x) => `${x.id} (${x.impact}, ${x.nodes.length}): ${x.help}\n    ${x.nodes.slice(0, 8).join('\n    ')}`).join('\n  ');
  if (nodes) fails.push(`${view}: ${nodes} axe violation nodes\n  ${list}`);
}

async function setLang(page, lang) {
  const now = await page.evaluate(() => document.documentElement.lang);
  if (!now.startsWith(lang)) await page.click('#lang-toggle');
  await page.waitForFunction((l) => document.documentElement.lang.startsWith(l), lang);
}

for (const [label, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
  for (const lang of ['zh', 'en']) {
    test(`axe: every view at ${label} width in ${lang}, empty, filled and in error`, async () => {
      const page = await newPage(ctx);
      await page.setViewportSize(viewport);
      await page.goto(BASE);
      await page.waitForSelector('#app header');
      await setLang(page, lang);
      const tag = `${label}/${lang}`;
      const fails = [];

      await page.click('[data-view="estimate"]');
      await page.click('#clear');
      await check(page, `${tag} estimate empty`, fails);
      // The examples to start from.
      await page.click('#example-nonprofit');
      await page.waitForSelector('#headline');
      await check(page, `${tag} example nonprofit`, fails);

      await openLink(page, spec.request);
      await setLang(page, lang);
      await page.waitForSelector('#total[data-amount="1660590.00"]');
      await page.locator('[data-line-id="vat_exemption"] summary').click();
      await check(page, `${tag} estimate filled`, fails);

      await page.fill(sel('revenue.childcare'), '12o0000');
      await page.waitForSelector('#error');
      await check(page, `${tag} estimate error`, fails);
      await page.fill(sel('revenue.childcare'), '1296000');
      await page.waitForSelector('#total');

      // The inputs of SPEC §12: filing period, nursery, the "if extended" switch on, a region
      // without a pack.
      const law = fixtures().find((f) => f.file === 'scenario-small-scale-2028.json').request;
      await openLink(page, { ...law, taxpayer: { ...law.taxpayer, vat_period: 'quarter' }, facility: { ...law.facility, region: '440305', nursery_vat_law: true } });
      await setLang(page, lang);
      await page.waitForSelector('#scenario-switch');
      await check(page, `${tag} estimate law`, fails);

      await page.click('[data-view="fees"]');
      await page.waitForSelector('#fee-result');
      await check(page, `${tag} fees`, fails);

      await page.click('[data-view="capacity"]');
      await page.waitForSelector('#capacity-result');
      await check(page, `${tag} capacity`, fails);

      // 家长实付 (SPEC §12.4) for a facility of 2026: empty, a birth after the year, filled.
      await openLink(page, spec.request);
      await setLang(page, lang);
      await page.click('[data-view="household"]');
      await page.waitForSelector('#household-result');
      await check(page, `${tag} household empty`, fails);
      await page.fill(sel('household.monthly_fee'), '1500');
      await page.click('[data-add="household.children"]');
      await page.fill(sel('household.children[0].birth_date'), '2027-03-02');
      await page.waitForSelector('#household-result [role=alert]');
      await check(page, `${tag} household error`, fails);
      await page.fill(sel('household.children[0].birth_date'), '2025-03-02');
      await page.waitForSelector('#hh-net');
      await check(page, `${tag} household filled`, fails);

      await page.click('[data-view="verify"]');
      await page.waitForSelector('#open-claim');
      await check(page, `${tag} verify`, fails);
      // One claim on its own page, from the calculator's link: empty, then filled.
      await Promise.all([page.waitForURL(/desk-claim\.html#r=/), page.click('#open-claim')]);
      await page.waitForSelector('#claim-report');
      await check(page, `${tag} claim empty`, fails);
      await page.click('#claim-fill');
      await page.waitForSelector('#claim-verdict[data-empty="false"]');
      await check(page, `${tag} claim filled`, fails);
      // The claim desk (its own page) empty, then with a finished report.
      await page.goto(new URL('desk.html', BASE).href);
      await page.waitForSelector('#claims-file');
      await check(page, `${tag} desk empty`, fails);
      const claims = claimFixtures().map((fx) => JSON.stringify(fx.claim)).join('\n') + '\n{"schema": "tuoyu.claim.v1", oops\n';
      await page.setInputFiles('#claims-file', { name: 'claims.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(claims) });
      await page.waitForSelector('#batch-progress[data-finished=true]', { timeout: 60000 });
      await check(page, `${tag} batch desk`, fails);
      await page.goto(BASE);
      await page.waitForSelector('#app header');

      await page.click('[data-view="policy"]');
      await page.waitForSelector('#policy-count');
      await check(page, `${tag} policy`, fails);

      await page.click('[data-view="sweep"]');
      await page.waitForSelector('#sweep-cit');
      await check(page, `${tag} sweep`, fails);
      await assertHealthy(page);
      assert.deepEqual(fails, [], fails.join('\n'));
      await page.close();
    });
  }
}

test('a skip link leads from the top of the page to the result', async () => {
  const page = await newPage(ctx);
  await openLink(page, spec.request);
  const url = page.url();
  await page.keyboard.press('Tab');
  const skip = page.locator('a.skip-link');
  assert.equal(await skip.evaluate((a) => a === document.activeElement), true, 'the first Tab reaches the skip link');
  assert.equal(await skip.isVisible(), true, 'visible when focused');
  await page.keyboard.press('Enter');
  const focused = await page.evaluate(() => document.activeElement?.closest('.results') !== null);
  assert.equal(focused, true, 'the result has the focus');
  assert.equal(page.url(), url, 'the link in the address bar is unchanged');
  await assertHealthy(page);
  await page.close();
});
