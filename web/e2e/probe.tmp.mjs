import { launch, newPage, BASE } from './helpers.mjs';
const ctx = await launch({ serviceWorkers: 'block' });
const page = await newPage(ctx);
for (const ex of ['community', 'chain', 'nonprofit']) {
  await page.goto(BASE); await page.waitForSelector('#intro');
  await page.click(`[data-example="${ex}"]`); await page.waitForSelector('.demo-note');
  await page.click('[data-view="sweep"]'); await page.waitForSelector('#sweep-revenue');
  const rev = await page.$$eval('#sweep-revenue g.mark.strong', (gs) => gs.map((g) => g.dataset.x));
  const cit = await page.$$eval('#sweep-cit g.mark.strong', (gs) => gs.map((g) => g.dataset.x));
  const txt = await page.locator('section.sweep').innerText();
  console.log(ex, 'revenue marks', rev, 'cit marks', cit, txt.match(/[^\n]*突变[^\n]*/g));
  await page.click('[data-view="estimate"]');
}
await ctx.close();
