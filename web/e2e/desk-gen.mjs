// Generated claims files for the desk's tests and bench: the claim fixtures cycled with unique
// ids, written to a file in slices (so 10⁶ claims never sit in one string), with the counts by
// verdict each must give.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { claimFixtures } from './helpers.mjs';

/** Writes `n` claims as JSON Lines to `path`; answers the expected counts by verdict. */
export async function writeClaims(path, n) {
  const fx = claimFixtures();
  const out = createWriteStream(path);
  const want = {};
  let buf = [];
  for (let i = 0; i < n; i++) {
    const f = fx[i % fx.length];
    const claim = { ...f.claim, id: `c${String(i + 1).padStart(7, '0')}-${f.claim.id || 'x'}` };
    buf.push(JSON.stringify(claim));
    want[f.expect.verdict] = (want[f.expect.verdict] || 0) + 1;
    if (buf.length === 5000 || i === n - 1) {
      if (!out.write(buf.join('\n') + '\n')) await once(out, 'drain');
      buf = [];
    }
  }
  out.end();
  await once(out, 'finish');
  return want;
}

/** Memory (bytes) of the browser whose profile is `profile`: its tab's renderer process, resident
 * (`renderer`, shared libraries included) and private (`private`, what Chromium's task manager
 * calls its memory footprint), and all its processes' resident total. */
import { readdirSync, readFileSync } from 'node:fs';
export function browserRss(profile) {
  const procs = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      const rss = Number(readFileSync(`/proc/${d}/statm`, 'utf8').split(' ')[1]) * 4096;
      let priv = 0;
      try {
        for (const m of readFileSync(`/proc/${d}/smaps_rollup`, 'utf8').matchAll(/^Private_(?:Clean|Dirty):\s+(\d+) kB/gm)) priv += Number(m[1]) * 1024;
      } catch { /* not readable */ }
      procs.push({ pid: Number(d), ppid, cmd, rss, priv });
    } catch { /* gone */ }
  }
  const root = procs.find((p) => p.cmd.includes(`--user-data-dir=${profile}`) && !p.cmd.includes('--type='));
  if (!root) return { renderer: 0, private: 0, total: 0 };
  const mine = new Set([root.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of procs) if (!mine.has(p.pid) && mine.has(p.ppid)) { mine.add(p.pid); grew = true; }
  }
  const list = procs.filter((p) => mine.has(p.pid));
  const tabs = list.filter((p) => p.cmd.includes('--type=renderer'));
  const renderer = Math.max(0, ...tabs.map((p) => p.rss));
  const priv = Math.max(0, ...tabs.map((p) => p.priv));
  return { renderer, private: priv, total: list.reduce((a, p) => a + p.rss, 0) };
}
