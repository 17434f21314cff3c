// Shared helpers of the end-to-end tests: browser, fixtures, request → form paths.
import { chromium } from 'playwright-core';
import { readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import assert from 'node:assert/strict';

export const BASE = process.env.BASE_URL || 'http://127.0.0.1:8080/';
export const ROOT = process.env.ROOT || new URL('../..', import.meta.url).pathname;
export const SHOTS = join(ROOT, 'web/e2e/screenshots');

// The page size: under 400,000 bytes gzipped for the whole calculator page (issues 10 and 11).
// The claim desk is its own page (desk.html, its own module), not part of it. It measured 391,728
// bytes gzipped on 2026-12-01 once the desk left the calculator's module; WEB_SIZE_BUDGET_KB sets
// another budget in KiB.
export const PAGE_GOAL_BYTES = 400_000;
export const PAGE_BUDGET_BYTES = process.env.WEB_SIZE_BUDGET_KB
  ? Number(process.env.WEB_SIZE_BUDGET_KB) * 1024
  : PAGE_GOAL_BYTES;

/**
 * A fresh headless Chromium profile. The page's service worker (sw.js) runs unless
 * `{ serviceWorkers: 'block' }`: requests it answers from its cache are not seen by page.route.
 * CHROMIUM_EXTRA adds switches for an experiment (e.g. `--js-flags=--no-wasm-lazy-compilation`:
 * V8 compiles the module while it downloads instead of each function at its first call).
 */
export async function launch({ serviceWorkers = 'allow' } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'tuoyu-e2e-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    serviceWorkers,
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
      ...(process.env.CHROMIUM_EXTRA ? process.env.CHROMIUM_EXTRA.split(' ') : [])],
  });
  // The profile (about 17 MB) goes with the browser: hundreds of runs filled the disk.
  const close = ctx.close.bind(ctx);
  ctx.close = async (...args) => {
    await close(...args);
    await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }).catch(() => {});
  };
  return ctx;
}

/** A page that fails the test on any uncaught page error or a shown panic banner. */
export async function newPage(ctx) {
  const page = await ctx.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  return page;
}

export async function assertHealthy(page) {
  const panic = await page.locator('#panic').isVisible();
  assert.equal(panic, false, 'the panic banner is shown: ' + (panic ? await page.locator('#panic').innerText() : ''));
  assert.deepEqual(page.errors, [], 'page errors');
}

export const b64url = (s) => Buffer.from(s, 'utf8').toString('base64url');
export const link = (request) => `${BASE}#r=${b64url(JSON.stringify(request))}`;

export function fixtures() {
  const dir = join(ROOT, 'fixtures');
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => ({ file: f, ...JSON.parse(readFileSync(join(dir, f), 'utf8')) }));
}

export function claimFixtures() {
  const dir = join(ROOT, 'fixtures/claims');
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => ({ file: f, ...JSON.parse(readFileSync(join(dir, f), 'utf8')) }));
}

/** The request's leaves as [path, value], paths written as error paths are. */
export function leaves(v, path = '', out = []) {
  if (path === 'schema') return out;
  if (path === 'facility.service_modes' || path === 'parameters') { out.push([path, v]); return out; }
  if (Array.isArray(v)) {
    if (v.length && v.every((x) => x === null || typeof x !== 'object')) {
      v.forEach((x, i) => out.push([`${path}[${i}]`, x]));
    } else v.forEach((x, i) => leaves(x, `${path}[${i}]`, out));
    return out;
  }
  if (v && typeof v === 'object') {
    const entries = Object.entries(v);
    if (!entries.length && path) out.push([path, v]);
    for (const [k, x] of entries) leaves(x, path ? `${path}.${k}` : k, out);
    return out;
  }
  out.push([path, v]);
  return out;
}

export const sel = (name) => `[name="${name}"]`;

export async function openAllSections(page) {
  await page.evaluate(() => document.querySelectorAll('details.section').forEach((d) => { d.open = true; }));
}

/** Whether every leaf of the request has an input on the estimate page. */
export async function formCovers(page, request) {
  const paths = leaves(request).map(([p]) => p)
    .map((p) => p.replace(/^(revenue\.(childcare|other))\[\d+\]$/, '$1'));
  return page.evaluate((ps) => ps.every((p) => p === 'revenue.childcare' || p === 'revenue.other'
    || document.querySelector(`[name="${p}"]`)), paths);
}

export async function openLink(page, request) {
  const url = link(request);
  // A link that differs only in its fragment is a same-document navigation, which the page
  // applies in its hashchange handler a moment after goto returns: load it afresh instead, so
  // the page shows this request when openLink returns.
  if (page.url().split('#')[0] === url.split('#')[0]) await page.goto('about:blank');
  await page.goto(url);
  await page.waitForSelector('#total, #error', { timeout: 10000 });
}

export async function waitForLine(page, id, amount) {
  await page.waitForFunction(([id, amount]) => {
    const el = document.querySelector(`[data-line-id="${id}"]`);
    return el && el.getAttribute('data-amount') === amount && !document.querySelector('#error');
  }, [id, amount], { timeout: 5000 }).catch(() => {});
}

/** Asserts the lines and totals of a fixture's `expect` against the page. */
export async function checkExpect(page, fx) {
  const e = fx.expect;
  const [firstId, first] = Object.entries(e.lines)[0];
  if (first.amount) await waitForLine(page, firstId, first.amount);
  const err = await page.locator('#error').count();
  assert.equal(err, 0, `${fx.file}: unexpected error ${err ? await page.locator('#error').innerText() : ''}`);
  for (const [id, want] of Object.entries(e.lines)) {
    const el = page.locator(`[data-line-id="${id}"]`);
    assert.equal(await el.count(), 1, `${fx.file}: line ${id} shown`);
    if (want.status) assert.equal(await el.getAttribute('data-status'), want.status, `${fx.file}: ${id} status`);
    if (want.amount) assert.equal(await el.getAttribute('data-amount'), want.amount, `${fx.file}: ${id} amount`);
    if ('base' in want) {
      // On the line itself (its body, where the base is written out, is built when it is opened).
      assert.equal(await el.getAttribute('data-base'), want.base, `${fx.file}: ${id} base`);
    }
  }
  if (e.total) assert.equal(await page.getAttribute('#total', 'data-amount'), e.total, `${fx.file}: total`);
  if (e.total_landlord) assert.equal(await page.getAttribute('#total-landlord', 'data-amount'), e.total_landlord, `${fx.file}: total_landlord`);
  if ('eligible_months' in e) assert.equal(await page.getAttribute('#totals', 'data-eligible-months'), String(e.eligible_months), `${fx.file}: eligible months`);
}

/** Types a request into the real inputs of the estimate page, starting from a cleared form. */
export async function typeRequest(page, request) {
  await page.click('[data-view="estimate"]');
  await page.click('#clear');
  for (const arr of ['properties', 'land', 'acquisitions']) {
    for (let i = 0; i < (request[arr] || []).length; i++) await page.click(`[data-add="${arr}"]`);
  }
  await openAllSections(page);
  for (const amount of ['childcare', 'other']) {
    if (Array.isArray(request.revenue?.[amount])) await page.check(`#f-revenue-${amount}-monthly`);
  }
  for (const [path, value] of leaves(request)) {
    if (path === 'facility.service_modes') {
      for (const mode of ['full_day', 'half_day', 'hourly', 'temporary']) {
        await page.setChecked(`${sel(path)}[value="${mode}"]`, value.includes(mode));
      }
      continue;
    }
    const el = page.locator(sel(path));
    assert.equal(await el.count(), 1, `an input named ${path}`);
    const tag = await el.evaluate((n) => n.tagName + ':' + (n.type || ''));
    if (tag.startsWith('SELECT')) await el.selectOption(String(value));
    else if (tag === 'INPUT:checkbox') await el.setChecked(value === true);
    else if (tag.startsWith('TEXTAREA')) await el.fill(JSON.stringify(value));
    else await el.fill(String(value));
  }
}

/**
 * Starts scripts/serve.py on a free loopback port for `dir` (a built site), optionally logging
 * each response as a JSON line to `log`. Resolves to { url, stop }.
 */
export async function startServer(dir, log) {
  const { spawn } = await import('node:child_process');
  const args = [join(ROOT, 'scripts/serve.py'), '--port', '0', dir];
  if (log) args.push('--log', log);
  const proc = spawn('python3', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const url = await new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve.py did not start: ${err}`)), 10000);
    proc.stderr.on('data', (d) => {
      err += d;
      const m = /serving (http:\/\/\S+)/.exec(err);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`serve.py exited ${code}: ${err}`)); });
  });
  const stop = () => new Promise((resolve) => {
    if (proc.exitCode !== null) return resolve();
    proc.removeAllListeners('exit');
    proc.on('exit', () => resolve());
    proc.kill();
  });
  return { url, stop };
}

/** Waits until a service worker controls the page (sw.js installed and activated). */
export async function waitForWorker(page) {
  await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 15000, polling: 100 });
}
