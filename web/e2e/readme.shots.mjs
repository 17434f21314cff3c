// The README's pictures of the page (docs/img/*.png), taken from a built site the way a person
// uses it: the calculator with its first example (Chinese, desktop; English, a 390 px phone) and
// the claim desk after a file of claims (Chinese, desktop). Not part of make test; run after a
// change that the pictures show, against a built site, and commit the images:
//   python3 scripts/serve.py --port 8090 web/dist &
//   BASE_URL=http://127.0.0.1:8090/ node web/e2e/readme.shots.mjs
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { BASE, ROOT, launch, newPage, assertHealthy } from './helpers.mjs';

const OUT = join(ROOT, 'docs/img');
mkdirSync(OUT, { recursive: true });
const ctx = await launch({ serviceWorkers: 'block' });
try {
  // The calculator, Chinese, desktop: the small community nursery example, the headline and lines.
  let page = await newPage(ctx);
  await page.goto(BASE);
  await page.waitForSelector('#intro');
  await page.click('[data-example="community"]');
  await page.waitForSelector('.demo-note');
  await page.waitForSelector('#total[data-amount]');
  await page.screenshot({ path: join(OUT, 'calculator-zh-desktop.png') });
  await assertHealthy(page);
  await page.close();

  // The claim desk, Chinese, desktop: the shipped sample claims (fixtures/claims.csv) verified.
  page = await newPage(ctx);
  await page.goto(new URL('desk.html', BASE).href);
  await page.waitForSelector('#claims-file');
  await page.setInputFiles('#claims-file', join(ROOT, 'fixtures/claims.csv'));
  await page.waitForSelector('#batch-progress[data-finished=true]', { timeout: 120_000 });
  await page.screenshot({ path: join(OUT, 'desk-zh-desktop.png') });
  await assertHealthy(page);
  await page.close();
  // The same, English, on a 390 px phone: the result as the summary card shows it.
  page = await newPage(ctx);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(BASE);
  await page.waitForSelector('#intro');
  if ((await page.evaluate(() => document.documentElement.lang)) !== 'en') await page.click('#lang-toggle');
  await page.click('[data-example="community"]');
  await page.waitForSelector('.demo-note');
  // The headline at the top of the screen, under the sticky header.
  await page.evaluate(() => {
    document.getElementById('headline').scrollIntoView({ block: 'start' });
    window.scrollBy(0, -(document.querySelector('header')?.offsetHeight ?? 0) - 8);
  });
  await page.screenshot({ path: join(OUT, 'calculator-en-phone.png') });
  await assertHealthy(page);
  await page.close();

} finally {
  await ctx.close();
}
console.log(`pictures in ${OUT}`);
