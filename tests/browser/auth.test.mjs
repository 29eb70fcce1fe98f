// Signing in and out in the browser: a page asked without a session goes to
// the login form and comes back after it; a wrong password is refused
// beside the form; the nav shows the user and role; signing out ends the
// session so the cookie a thief copied opens nothing; and the
// Content-Security-Policy really stops inline script (the watcher sees it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, addUser, login, watchCsp, shot } from './harness.mjs';

let server, browser, context, page, csp;

before(async () => {
  server = await startServer();
  browser = await launchBrowser(server.dir);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  page.on('dialog', (d) => { throw new Error(`a dialog opened: ${d.message()}`); });
  csp = watchCsp(page);
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    const code = await server.stop();
    assert.equal(code, 0, `duikou serve should stop with 0 on SIGTERM:\n${server.log()}`);
  }
});

test('a page without a session goes to the login form, and back after it', async () => {
  await page.goto(`${server.url}funds?county=500101`);
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.equal(await page.textContent('h1'), '登录');
  await page.fill('#user', server.user);
  await page.fill('#password', 'not-the-password');
  await page.click('#login button[type=submit]');
  assert.match(await page.textContent('#login-error'), /用户名或密码不正确/);
  assert.equal(await page.inputValue('#password'), '', 'the password is not sent back');
  await shot(page, 'auth-01-wrong-password');
  await page.fill('#password', server.password);
  await Promise.all([page.waitForURL(/\/funds\?county=500101$/), page.click('#login button[type=submit]')]);
  assert.match(await page.textContent('#who'), /admin（管理员）/);
  await shot(page, 'auth-02-signed-in');
});

test('a county user sees its name, role and scope', async () => {
  const other = await browser.newContext();
  const p = await other.newPage();
  const pw = addUser(server.db, 'wanzhou', 'county', '500101');
  await login(p, server.url, 'wanzhou', pw);
  assert.equal(await p.textContent('#who'), 'wanzhou（区县 500101）');
  await other.close();
});

test('signing out ends the session: a copied cookie opens nothing', async () => {
  const stolen = (await context.cookies()).find((c) => c.name === 'duikou_session');
  assert.ok(stolen, 'a session cookie');
  assert.equal(stolen.httpOnly, true);
  assert.equal(stolen.sameSite, 'Strict');
  await Promise.all([page.waitForURL(/\/login$/), page.click('#logout')]);
  const thief = await browser.newContext();
  await thief.addCookies([stolen]);
  const p = await thief.newPage();
  await p.goto(`${server.url}projects`);
  assert.equal(new URL(p.url()).pathname, '/login', 'the old cookie is sent to the login page');
  const r = await p.request.get(`${server.url}api/v1/projects`);
  assert.equal(r.status(), 401);
  await thief.close();
});

test('the Content-Security-Policy blocks inline script, and pages need none', async () => {
  await login(page, server.url, server.user, server.password);
  for (const path of ['?year=2004', 'projects', 'reports/plan?period=2004-2007', 'conferences/new', 'upload'])
    await page.goto(`${server.url}${path}`);
  assert.deepEqual(csp, [], 'no page of duikou breaks the policy');
  const ran = await page.evaluate(() => {
    window.inlineRan = false;
    const s = document.createElement('script');
    s.textContent = 'window.inlineRan = true;';
    document.body.appendChild(s);
    return window.inlineRan;
  });
  assert.equal(ran, false, 'inline script does not run');
  await page.waitForTimeout(100);
  assert.ok(csp.length > 0, 'the refusal is reported (so the watcher works)');
});
