// Installable and offline: the service worker keeps the page, a reload with the network off still
// computes, a new build replaces the old cache; and what the first visit costs over the wire.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { request as httpRequest } from 'node:http';
import { BASE, ROOT, PAGE_BUDGET_BYTES, launch, newPage, assertHealthy, link, sel, fixtures, startServer, waitForWorker, b64url } from './helpers.mjs';

const spec = fixtures().find((f) => f.file === 'spec-example-2026.json');
const DIST = join(ROOT, 'web/dist');
// The page-size budget (helpers.mjs: the 400,000-byte goal).
const BUDGET = PAGE_BUDGET_BYTES;

let tmp;
before(() => { tmp = mkdtempSync(join(tmpdir(), 'tuoyu-offline-')); });
after(() => { rmSync(tmp, { recursive: true, force: true }); });

test('the manifest and its icons are served and well formed', async () => {
  const ctx = await launch();
  try {
    const page = await newPage(ctx);
    await page.goto(BASE);
    const href = await page.getAttribute('link[rel=manifest]', 'href');
    const res = await page.request.get(new URL(href, BASE).href);
    assert.equal(res.headers()['content-type'], 'application/manifest+json');
    const m = await res.json();
    assert.equal(m.display, 'standalone');
    assert.equal(m.start_url, './');
    assert.ok(m.icons.some((i) => i.sizes === '512x512') && m.icons.some((i) => i.sizes === '192x192'));
    for (const icon of m.icons) {
      const r = await page.request.get(new URL(icon.src, BASE).href);
      assert.equal(r.status(), 200, icon.src);
      assert.equal(r.headers()['content-type'], icon.type, icon.src);
      const body = await r.body();
      if (icon.type === 'image/png') {
        assert.equal(body.subarray(1, 4).toString('latin1'), 'PNG', icon.src);
        assert.equal(`${body.readUInt32BE(16)}x${body.readUInt32BE(20)}`, icon.sizes, icon.src);
      } else assert.match(body.toString('utf8'), /^<svg /, icon.src);
    }
  } finally { await ctx.close(); }
});

test('after the first visit, the page reloads and computes with the network off', async () => {
  const ctx = await launch();
  try {
    const page = await newPage(ctx);
    await page.goto(link(spec.request));
    await page.waitForSelector('#total[data-amount="1660590.00"]');
    await waitForWorker(page);
    await ctx.setOffline(true);
    // The network really is off: a file the worker does not keep cannot be fetched.
    const direct = await page.evaluate(() => fetch('icon-192.png?nocache=' + Date.now()).then(() => 'fetched', () => 'failed'));
    assert.equal(direct, 'failed', 'the network should be off');
    page.errors.length = 0; // that failed fetch's console error
    await page.reload();
    await page.waitForSelector('#total[data-amount="1660590.00"]', { timeout: 10000 });
    const before = await page.getAttribute('#total', 'data-amount');
    await page.fill(sel('revenue.childcare'), '1500000');
    await page.waitForFunction((b) => {
      const t = document.querySelector('#total');
      return t && t.getAttribute('data-amount') !== b;
    }, before, { timeout: 5000 });
    const after = await page.getAttribute('#total', 'data-amount');
    console.log(`# offline reload: total ${before} → ${after} after typing 1500000`);
    assert.notEqual(after, before);
    // A new tab on the same origin opens offline too (the page is index.html for any link).
    const page2 = await newPage(ctx);
    await page2.goto(`${BASE}#r=${b64url(JSON.stringify(spec.request))}`);
    await page2.waitForSelector('#total[data-amount="1660590.00"]', { timeout: 10000 });
    await assertHealthy(page);
    await assertHealthy(page2);
  } finally { await ctx.close(); }
});

test('once opened, the claim desk works offline too, a dropped file verified', async () => {
  const ctx = await launch();
  try {
    const page = await newPage(ctx);
    await page.goto(new URL('desk.html', BASE).href);
    await page.waitForSelector('#claims-file');
    await waitForWorker(page);
    // The service worker keeps every desk file when the desk is opened (not only what it loaded).
    const desk = JSON.parse(/const DESK = (\[[^\]]*\])/.exec(readFileSync(join(DIST, 'sw.js'), 'utf8'))[1]);
    assert.ok(desk.includes('desk.html') && desk.includes('desk_bg.wasm') && desk.includes('desk_worker_bg.wasm'), desk.join());
    const kept = () => page.evaluate(async (want) => {
      const have = new Set();
      for (const k of await caches.keys()) {
        for (const r of await (await caches.open(k)).keys()) have.add(new URL(r.url).pathname.split('/').pop());
      }
      return want.every((f) => have.has(f));
    }, desk);
    for (let i = 0; i < 100 && !(await kept()); i++) await page.waitForTimeout(200);
    assert.ok(await kept(), 'every desk file is kept');
    await ctx.setOffline(true);
    await page.reload();
    await page.waitForSelector('#claims-file', { timeout: 10000 });
    const claims = readFileSync(join(ROOT, 'fixtures/claims.csv'), 'utf8');
    await page.setInputFiles('#claims-file', { name: 'claims.csv', mimeType: 'text/csv', buffer: Buffer.from(claims) });
    await page.waitForSelector('#batch-progress[data-finished=true]', { timeout: 30000 });
    assert.equal(await page.getAttribute('#batch-progress', 'data-phase'), 'done');
    assert.equal(await page.getAttribute('#batch-summary', 'data-claims'), String(claims.trim().split('\n').length - 1));
    await assertHealthy(page);
  } finally { await ctx.close(); }
});

/** The build's version written into sw.js. */
const versionOf = (sw) => /const VERSION = "([^"]+)"/.exec(sw)[1];

test('a new build version replaces the old cache', async () => {
  const dir = join(tmp, 'site');
  cpSync(DIST, dir, { recursive: true });
  const server = await startServer(dir);
  const ctx = await launch();
  try {
    const v1 = versionOf(readFileSync(join(dir, 'sw.js'), 'utf8'));
    const page = await newPage(ctx);
    await page.goto(server.url);
    await page.waitForSelector('#total, #error, .results');
    await waitForWorker(page);
    assert.deepEqual(await page.evaluate(() => caches.keys()), [`tuoyu-${v1}`]);
    assert.equal(await page.locator('#updated').isVisible(), false);

    // A new build: another index.html and so another version in sw.js (its .gz/.br are now older
    // than the files and serve.py no longer sends them).
    const v2 = `${v1}next`;
    const html = readFileSync(join(dir, 'index.html'), 'utf8').replace('<head>', '<head>\n<meta name="tuoyu-test-build" content="next">');
    writeFileSync(join(dir, 'index.html'), html);
    writeFileSync(join(dir, 'sw.js'), readFileSync(join(dir, 'sw.js'), 'utf8').replace(`"${v1}"`, `"${v2}"`));

    await page.reload();
    await page.waitForFunction((v) => caches.keys().then((k) => k.length === 1 && k[0] === `tuoyu-${v}`), v2, { timeout: 15000, polling: 200 });
    await page.waitForSelector('#updated', { state: 'visible', timeout: 5000 });
    await page.reload();
    assert.equal(await page.locator('meta[name="tuoyu-test-build"]').count(), 1, 'the new index.html is served');
    // And the new build is what works offline.
    await ctx.setOffline(true);
    await page.reload();
    assert.equal(await page.locator('meta[name="tuoyu-test-build"]').count(), 1);
    await page.waitForSelector('#total, #error, .results');
    await assertHealthy(page);
  } finally {
    await ctx.close();
    await server.stop();
  }
});

/** GET `path` from `base` with only gzip accepted: [encoding, body bytes]. */
function getGzip(base, path) {
  return new Promise((resolve, reject) => {
    httpRequest(new URL(path, base), { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
      let n = 0;
      res.on('data', (d) => { n += d.length; });
      res.on('end', () => resolve([res.headers['content-encoding'], n]));
    }).on('error', reject).end();
  });
}

test(`the first visit sends at most ${BUDGET} bytes over the wire, a second almost nothing`, async () => {
  const log = join(tmp, 'wire.log');
  const server = await startServer(DIST, log);
  const ctx = await launch();
  const read = () => readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  try {
    const page = await newPage(ctx);
    await page.goto(link(spec.request).replace(BASE, server.url));
    await page.waitForSelector('#total[data-amount="1660590.00"]');
    await waitForWorker(page);
    await page.waitForTimeout(300);
    const first = read();
    const bytes = (rows) => rows.reduce((n, r) => n + r.body + r.headers, 0);
    const total = bytes(first);
    const rows = first.map((r) => `${r.path} ${r.status} ${r.encoding} ${r.body}`).join('; ');
    console.log(`# first visit over the wire: ${total} bytes in ${first.length} responses (${rows})`);
    for (const r of first.filter((r) => /\.(wasm|js|css|html|webmanifest|svg)$|\/$/.test(r.path) && r.status === 200)) {
      assert.notEqual(r.encoding, 'identity', `${r.path} is sent compressed`);
    }
    assert.ok(total <= BUDGET, `${total} bytes over the wire on the first visit`);

    // The same files to a client that accepts only gzip.
    let gz = 0;
    for (const path of new Set(first.filter((r) => r.status === 200).map((r) => r.path.split('#')[0]))) {
      const [enc, n] = await getGzip(server.url, path);
      gz += n;
      if (/\.(wasm|js|css|html)$/.test(path)) assert.equal(enc, 'gzip', path);
    }
    console.log(`# the same files gzip-only: ${gz} bytes of bodies`);
    assert.ok(gz <= BUDGET, `${gz} bytes gzipped`);

    writeFileSync(log, '');
    await page.reload();
    await page.waitForSelector('#total[data-amount="1660590.00"]');
    await page.waitForTimeout(300);
    const again = read();
    console.log(`# second visit over the wire: ${bytes(again)} bytes (${again.map((r) => `${r.path} ${r.status}`).join('; ')})`);
    assert.ok(bytes(again) < 5000, `second visit ${bytes(again)} bytes`);
    await assertHealthy(page);
  } finally {
    await ctx.close();
    await server.stop();
  }
});
