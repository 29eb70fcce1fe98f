// The browser tests' harness: a demo database in a temporary folder, a
// `duikou serve` on a free port (read from the line it prints), Debian's
// chromium through playwright-core, screenshots under $SHOTS, and cleanup
// of all of it at the end, also when a test fails. When DUIKOU_TEST_PG holds a
// PostgreSQL cluster's base URL (the browser_pg test), the demo database is
// a fresh database on that cluster instead of a file, dropped at the end.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const here = new URL('.', import.meta.url).pathname;
export const DUIKOU = process.env.DUIKOU || resolve(here, '../../build/duikou');
export const SHOTS = process.env.SHOTS || resolve(here, '../../build/browser-shots');

const PG = process.env.DUIKOU_TEST_PG || '';
const PG_CLUSTER = resolve(here, '../../scripts/pg-cluster.sh');

// Runs SQL on DB (a file path or a postgresql:// URL) and returns its rows,
// one a line, values separated by '|', NULL as empty, no header, trimmed:
// the same text on SQLite and PostgreSQL.
export function sql(db, q) {
  const pg = /^postgres(ql)?:\/\//.test(db);
  const [cmd, args] = pg
    ? ['psql', ['-X', '-A', '-t', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db]]
    : ['sqlite3', ['-batch', '-noheader', db]];
  return execFileSync(cmd, args, { input: q, encoding: 'utf8' }).trim();
}

const CHROMIUM = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));

// Adds the user NAME with ROLE (and SCOPE) to DB, password pw-NAME-123456;
// resolves to that password.
export function addUser(db, name, role, scope) {
  const password = `pw-${name}-123456`;
  const args = ['--db', db, 'user', 'add', name, '--role', role, '--password-stdin'];
  if (scope) args.push('--scope', scope);
  execFileSync(DUIKOU, args, { input: `${password}\n`, stdio: ['pipe', 'ignore', 'inherit'] });
  return password;
}

// Starts `duikou serve` on a new demo database holding the user `admin`
// (role admin); resolves to { url, stop(), dir, db, sql(q), user, password }:
// db is what --db takes (a file in dir, or a PostgreSQL URL), sql(q) runs a
// query on it. stop() sends SIGTERM and resolves to the exit code.
// SERVE_ARGS are more options of serve (e.g. ['--today', '2004-12-31']).
export async function startServer(serveArgs = []) {
  const dir = mkdtempSync(join(tmpdir(), 'duikou-browser-'));
  const db = PG
    ? execFileSync('bash', [PG_CLUSTER, 'createdb', PG, 'browser'], { encoding: 'utf8' }).trim()
    : join(dir, 'demo.db');
  execFileSync(DUIKOU, ['--db', db, 'demo'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const user = 'admin';
  const password = addUser(db, user, 'admin');
  const child = spawn(DUIKOU, ['--db', db, 'serve', '--listen', '127.0.0.1:0', ...serveArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (b) => { log += b; });
  const exited = new Promise((res) => child.on('exit', (code, sig) => res(code ?? sig)));
  const url = await new Promise((res, rej) => {
    let out = '';
    const timer = setTimeout(() => rej(new Error(`no URL printed by duikou serve:\n${out}${log}`)), 10000);
    child.stdout.on('data', (b) => {
      out += b;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); res(m[0]); }
    });
    child.on('exit', () => { clearTimeout(timer); rej(new Error(`duikou serve exited:\n${out}${log}`)); });
  });
  let stopped = null;
  const stop = () => {
    if (!stopped) {
      stopped = (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        const code = await exited;
        if (PG) execFileSync('bash', [PG_CLUSTER, 'dropdb', db], { stdio: ['ignore', 'ignore', 'inherit'] });
        rmSync(dir, { recursive: true, force: true });
        return code;
      })();
    }
    return stopped;
  };
  return { url, stop, dir, db, sql: (q) => sql(db, q), user, password, log: () => log };
}

// Signs PAGE's browser context in at URL (the server's root) through the
// login form; resolves once the dashboard shows the user's name.
export async function login(page, url, user, password) {
  await page.goto(`${url}login`);
  await page.fill('#user', user);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('#login button[type=submit]')]);
  await page.waitForSelector('#who');
}

// Collects the Content-Security-Policy violations PAGE reports (console
// errors); the returned array grows as they happen.
export function watchCsp(page) {
  const seen = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

// Launches headless chromium with its scratch files in DIR.
export async function launchBrowser(dir) {
  if (!CHROMIUM) throw new Error('chromium is missing (scripts/deps.sh installs it)');
  const scratch = join(dir, 'chromium-tmp');
  mkdirSync(scratch, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env: { ...process.env, TMPDIR: scratch, HOME: scratch },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-sync', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--no-proxy-server'],
  });
}

export async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

// How many pixels of the chart's canvas are drawn (not transparent, not white).
export async function drawnPixels(page, selector) {
  return page.$eval(`${selector} canvas`, (c) => {
    const ctx = c.getContext('2d');
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < px.length; i += 4)
      if (px[i + 3] > 0 && !(px[i] > 250 && px[i + 1] > 250 && px[i + 2] > 250)) n++;
    return n;
  });
}
