// The estimate page: fixtures by link and by typing, errors next to their field, no panic
// whatever is typed, exports, language, storage, keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  BASE, launch, newPage, assertHealthy, fixtures, openLink, checkExpect, formCovers, typeRequest,
  openAllSections, sel, waitForLine, SHOTS,
} from './helpers.mjs';

let ctx;
let page;
before(async () => { ctx = await launch(); page = await newPage(ctx); });
after(async () => { await ctx?.close(); });

const all = fixtures();
const withLines = all.filter((f) => f.expect?.lines);
const spec = all.find((f) => f.file === 'spec-example-2026.json');

test('fixtures are there to check against', () => {
  assert.ok(withLines.length >= 20, `fixtures with expect.lines: ${withLines.length}`);
  assert.ok(spec, 'spec-example-2026.json');
});

test('every fixture with expected lines opens by #r= link with its lines and totals', async () => {
  let covered = 0;
  for (const fx of withLines) {
    await openLink(page, fx.request);
    if (await formCovers(page, fx.request)) covered++;
    await checkExpect(page, fx);
  }
  console.log(`# fixtures checked by link: ${withLines.length} (${covered} use only fields the form has)`);
  await assertHealthy(page);
});

test('a cut-off #r= link says so and shows the saved case', async () => {
  const p = await newPage(ctx);
  await p.goto(`${BASE}#r=eyJzY2hlbWEiOiJ0dW95dS5yZXF1ZXN0LnYx`);
  await p.waitForSelector('#notice');
  assert.match(await p.locator('#notice').innerText(), /无法读取|could not be read/);
  await assertHealthy(p);
  await p.close();
});

test('a #r= link opened in a new tab shows that statement without typing', async () => {
  const p = await newPage(ctx);
  await openLink(p, spec.request);
  await checkExpect(p, spec);
  assert.equal(await p.locator('[data-line-id]').count(), 18);
  await assertHealthy(p);
  await p.close();
});

for (const name of ['spec-example-2026.json', 'small-scale-2023-monthly-array.json', 'tenures-partial-use-2026.json', 'general-2019-seven-months.json']) {
  test(`typing ${name} into the form gives its expected lines`, async () => {
    const fx = all.find((f) => f.file === name);
    assert.ok(fx, name);
    await openLink(page, fx.request);
    assert.ok(await formCovers(page, fx.request), 'the form has every field of this fixture');
    await typeRequest(page, fx.request);
    await checkExpect(page, fx);
    await assertHealthy(page);
  });
}

test('error fixtures show their error next to the named field', async () => {
  const errs = all.filter((f) => f.expect?.error);
  assert.ok(errs.length >= 5);
  for (const fx of errs) {
    await openLink(page, fx.request);
    await page.waitForSelector(`#error[data-path="${fx.expect.error.path}"]`, { timeout: 5000 });
    const field = page.locator(sel(fx.expect.error.path)).first();
    if (await field.count()) {
      const near = await field.evaluate((n) => !!n.closest('.field, fieldset, .amount')?.querySelector('.err'));
      assert.ok(near, `${fx.file}: message next to ${fx.expect.error.path}`);
      await page.click('#error button.link');
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('name'));
      assert.equal(focused, fx.expect.error.path, `${fx.file}: “go to the field” focuses it`);
    }
  }
  await assertHealthy(page);
});

test('bad values in every field give an error next to it and never a panic', async () => {
  await openLink(page, spec.request);
  await openAllSections(page);
  const names = await page.$$eval('form.inputs input[type=text][name], form.inputs textarea[name]',
    (els) => els.map((e) => e.name));
  assert.ok(names.length >= 30, `text inputs: ${names.length}`);
  let checked = 0;
  for (const name of names) {
    if (name === 'facility.name') continue; // any text is a valid name
    const el = page.locator(sel(name));
    const orig = await el.inputValue();
    const bads = name === 'parameters' ? ['{oops', '{"no.such.parameter": "1"}', '[1]']
      : ['abc', '-5', '1e999', '99999999999999999999999999', '１２'];
    // A loss is a valid taxable income.
    for (const bad of bads.filter((b) => !(name === 'income_tax.taxable_income' && b === '-5'))) {
      await el.fill(bad);
      await page.waitForSelector('#error', { timeout: 3000 })
        .catch(() => assert.fail(`${name} = ${bad}: no error shown (total ${page.url().length})`));
      const path = await page.getAttribute('#error', 'data-path');
      assert.ok(path === name || path.startsWith(name + '.') || path.startsWith(name + '['),
        `${name} = ${bad}: error at ${path}`);
      const near = await el.evaluate((n) => !!n.closest('.field, fieldset')?.querySelector('.err'));
      assert.ok(near, `${name} = ${bad}: message next to the field`);
      assert.equal(await el.getAttribute('aria-invalid'), 'true', `${name}: aria-invalid`);
      checked++;
    }
    await el.fill(orig);
    await page.waitForSelector('#error', { state: 'detached', timeout: 3000 });
  }
  // Dates cannot be mistyped in a date box; a lease that ends before it starts is the error.
  await page.fill(sel('properties[1].used_to'), '2026-01-31');
  await page.waitForSelector('#error[data-path="properties[1].used_to"]');
  await page.fill(sel('properties[1].used_to'), '');
  // A month of a monthly amount.
  await page.check('#f-revenue-childcare-monthly');
  await page.fill(sel('revenue.childcare[3]'), 'x');
  await page.waitForSelector('#error');
  assert.match(await page.getAttribute('#error', 'data-path'), /^revenue\.childcare/);
  assert.ok(await page.locator('.months .err').count() >= 1);
  await page.uncheck('#f-revenue-childcare-monthly');
  // No service mode at all.
  await page.click('#clear');
  await page.uncheck('[name="facility.service_modes"][value="full_day"]');
  await page.waitForSelector('#error[data-path="facility.service_modes"]');
  assert.ok(await page.locator('fieldset.modes .err').count() === 1);
  console.log(`# bad values tried: ${checked} in ${names.length - 1} text fields, plus dates, months and modes`);
  await assertHealthy(page);
});

test('the demo preset fills a Jinning facility with example prices labelled as examples', async () => {
  await page.goto(BASE);
  await page.click('[data-view="estimate"]');
  await page.click('#demo');
  await page.waitForSelector('.demo-note');
  assert.match(await page.inputValue(sel('facility.name')), /晋宁/);
  assert.notEqual(await page.getAttribute('#total', 'data-amount'), '0.00');
  assert.ok(await page.locator('#bar-chart .bar').count() >= 5, 'bar chart of savings');
  const vat = page.locator('[data-line-id="vat_exemption"]');
  await vat.locator('summary').click();
  assert.ok(await vat.locator('.steps li').count() >= 1, 'steps');
  assert.ok(await vat.locator('.basis li').count() >= 1, 'basis');
  assert.ok(await vat.locator('tr[data-param]').count() >= 1, 'parameters');
  assert.ok(await page.locator('tr.unverified .warn-tag').count() >= 1, 'unverified figures are marked');
  await assertHealthy(page);
});

test('overridden parameters are marked on the line', async () => {
  const fx = all.find((f) => f.file === 'override-deduction-ratio.json');
  await openLink(page, fx.request);
  const row = page.locator('tr[data-overridden="true"]').first();
  assert.equal(await row.count(), 1);
  assert.match(await row.textContent(), /已覆盖|overridden/);
});

test('exports: request JSON, statement JSON and CSV', async () => {
  await openLink(page, spec.request);
  const grab = async (id) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(id)]);
    return readFile(await dl.path(), 'utf8');
  };
  const req = JSON.parse(await grab('#export-request'));
  assert.equal(req.schema, 'tuoyu.request.v1');
  assert.equal(req.revenue.childcare, '1800000.00');
  const st = JSON.parse(await grab('#export-statement'));
  assert.equal(st.schema, 'tuoyu.statement.v1');
  assert.equal(st.total, '1660590.00');
  assert.equal(st.lines.length, 18);
  const csv = await grab('#export-csv');
  assert.match(csv, /\r\nvat_exemption,[^\r]*,applies,89886\.79,1800000\.00,facility\r\n/);
  assert.match(csv, /\r\ntotal,[^\r]*,1660590\.00,/);
});

test('the URL holds the request and localStorage brings it back', async () => {
  await openLink(page, spec.request);
  await page.fill(sel('revenue.childcare'), '1700000');
  await page.waitForFunction(() => document.querySelector('[data-line-id=vat_exemption]').dataset.amount !== '89886.79');
  const url = page.url();
  assert.match(url, /#r=[A-Za-z0-9_-]+$/);
  const json = JSON.parse(Buffer.from(url.split('#r=')[1], 'base64url').toString('utf8'));
  assert.equal(json.revenue.childcare, '1700000');
  const p2 = await newPage(ctx);
  await p2.goto(BASE);
  await p2.waitForSelector('#total');
  assert.equal(await p2.inputValue(sel('revenue.childcare')), '1700000');
  await p2.close();
});

test('Chinese by default, English by the toggle, remembered', async () => {
  const p = await newPage(ctx);
  await p.goto(BASE);
  await p.evaluate(() => localStorage.removeItem('tuoyu.lang'));
  await p.reload();
  await p.waitForSelector('header h1');
  assert.equal(await p.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.match(await p.locator('header h1').innerText(), /托育/);
  await p.click('#lang-toggle');
  assert.equal(await p.evaluate(() => document.documentElement.lang), 'en');
  assert.match(await p.locator('header h1').innerText(), /Childcare/);
  await p.reload();
  await p.waitForSelector('header h1');
  assert.match(await p.locator('header h1').innerText(), /Childcare/);
  await p.click('#lang-toggle');
  await p.close();
});

test('keyboard: every input is labelled and the demo button works from the keyboard', async () => {
  await page.goto(BASE);
  await page.waitForSelector('#total');
  await page.click('#clear');
  await openAllSections(page);
  const unlabelled = await page.$$eval('input, select, textarea', (els) => els
    .filter((e) => e.type !== 'hidden' && !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
    .map((e) => e.name || e.id));
  assert.deepEqual(unlabelled, []);
  await page.focus('#demo');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.demo-note');
  await page.focus(sel('revenue.childcare'));
  await page.keyboard.press('End');
  await page.keyboard.type('0');
  await waitForLine(page, 'vat_exemption', 'x');
  assert.equal(await page.inputValue(sel('revenue.childcare')), '12960000');
});

test('a panic shows the message and the error instead of a dead page', async () => {
  const p = await newPage(ctx);
  await openLink(p, spec.request);
  const thrown = await p.evaluate(async () => {
    const m = await import('./web.js');
    try { m.tuoyu_panic_self_test(); return 'no panic'; } catch (e) { return String(e); }
  });
  assert.match(thrown, /unreachable|RuntimeError/);
  await p.waitForSelector('#panic[role=alert]');
  const text = await p.locator('#panic').innerText();
  assert.match(text, /程序出错/);
  assert.match(text, /Something went wrong/);
  assert.match(text, /self-test: the panic banner works/);
  await p.screenshot({ path: join(SHOTS, 'panic.png') });
  await p.close();
});

test('bad values in every fee benchmark and capacity field give an error next to it', async () => {
  // SPEC §5 and §6 examples, so every other field of the section is valid.
  const request = {
    ...spec.request,
    fee_benchmark: {
      non_profit: true, method: 'reference', reference: { grade: 4, upward_float: '0.10' },
      cost: { annual_operating_cost: '1200000', government_subsidies: '200000', donations: '40000', enrolled_children: 80, charging_months: 12, cost_recovery_share: '1' },
      days_per_month: '21.75', full_day_hours: '9', half_day_hours: '4.5',
      proposed: { full_day: '1000', half_day: '480', hourly: '5', temporary: '50' },
    },
    capacity: { population: 35250, area: 'new', existing_places: 120, children: { infant: 23, young_toddler: 31, older_toddler: 41, mixed: 10 } },
  };
  await openLink(page, request);
  let checked = 0;
  for (const view of ['fees', 'capacity']) {
    await page.click(`[data-view="${view}"]`);
    await openAllSections(page);
    const names = await page.$$eval('form.inputs input[type=text][name]', (els) => els.map((e) => e.name));
    assert.ok(names.length >= 6, `${view}: ${names.length} text inputs`);
    for (const name of names) {
      const el = page.locator(sel(name));
      const orig = await el.inputValue();
      for (const bad of ['abc', '-5', '1e999', '１２']) {
        await el.fill(bad);
        await page.waitForSelector('.banner.error[data-path]', { timeout: 3000 })
          .catch(() => assert.fail(`${name} = ${bad}: no error shown`));
        const path = await page.getAttribute('.banner.error[data-path]', 'data-path');
        // The field itself, or the object holding it (e.g. grade and fee given together).
        assert.ok(path === name || name.startsWith(path + '.'), `${name} = ${bad}: error at ${path}`);
        if (path === name) {
          const near = await el.evaluate((n) => !!n.closest('.field')?.querySelector('.err'));
          assert.ok(near, `${name} = ${bad}: message next to the field`);
        }
        checked++;
      }
      await el.fill(orig);
      await page.waitForSelector('.banner.error', { state: 'detached', timeout: 3000 });
    }
  }
  console.log(`# bad values tried in the fee benchmark and capacity views: ${checked}`);
  await assertHealthy(page);
});
