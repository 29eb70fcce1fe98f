// The tracking service of issue 7 in the browser: the county office of a
// signed project, signed in through /login on a server whose day is fixed
// (serve --today), adds a service-log entry and a commitment whose due date
// has passed through the project's page; the dashboard's alert tile then
// lists the overdue commitment; the office marks it done on the project's
// page, and the alert is gone from the dashboard. The timeline shows the
// entry and the kept promise in order. Screenshots in $SHOTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot, login, addUser } from './harness.mjs';

const TODAY = '2004-12-31';
let server, browser, page, project, county;

before(async () => {
  server = await startServer(['--today', TODAY]);
  // a project signed at a 2004 conference, followed (not operating) at the day
  project = server.sql(
    "SELECT code FROM projects WHERE conference IS NOT NULL AND status NOT IN ('operating', 'stopped')" +
      ' ORDER BY code LIMIT 1');
  assert.ok(project, 'the demo has a followed conference project');
  county = server.sql(`SELECT recipient_code FROM projects WHERE code = '${project}'`);
  const password = addUser(server.db, 'trk-county', 'county', county);
  browser = await launchBrowser(server.dir);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  page.on('dialog', (d) => { throw new Error(`a dialog opened: ${d.message()}`); });
  await login(page, server.url, 'trk-county', password);
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    const code = await server.stop();
    assert.equal(code, 0, `duikou serve should stop with 0 on SIGTERM:\n${server.log()}`);
  }
});

const overdueCount = async () => Number(await page.textContent('#alerts-overdue_commitment'));

test('a log entry and a commitment, the alert, marked done, the alert gone', async () => {
  await page.goto(`${server.url}?year=2004`);
  const before = await overdueCount();
  assert.match(await page.textContent('#alerts-tile .note'), new RegExp(TODAY));

  // the service log: one entry through the project's form
  await page.goto(`${server.url}projects/${project}`);
  const logs = await page.locator('#service-log tbody tr').count();
  await page.fill('#log-date', '2004-12-20');
  await page.fill('#log-who', '招商局 王某');
  await page.fill('#log-action', '现场办公 <协调用电>');
  await page.fill('#log-problem', '施工用电不足');
  await page.fill('#log-resolution', '供电局增容');
  await Promise.all([page.waitForNavigation(), page.click('#log-form button[type=submit]')]);
  assert.equal(await page.locator('#service-log tbody tr').count(), logs + 1);
  const row = page.locator('#service-log tbody tr', { hasText: '现场办公 <协调用电>' });
  assert.equal(await row.count(), 1, 'the entry, its text escaped and shown as typed');
  assert.match(await row.textContent(), /供电局增容/);

  // a commitment promised a month ago, due ten days before the server's day
  await page.fill('#cm-what', '接通施工专线');
  await page.fill('#cm-to_whom', '投资方');
  await page.fill('#cm-promised_date', '2004-11-20');
  await page.fill('#cm-due_date', '2004-12-21');
  await Promise.all([page.waitForNavigation(), page.click('#commitment-form button[type=submit]')]);
  const code = server.sql(
    `SELECT code FROM commitments WHERE project_code = '${project}' AND what = '接通施工专线'`);
  assert.ok(code, 'the commitment is stored');
  const cm = page.locator(`#commitments tr[data-code="${code}"]`);
  assert.equal(await cm.getAttribute('class'), 'overdue');
  await shot(page, 'tracking-project');

  // the dashboard shows it
  await page.goto(`${server.url}?year=2004`);
  assert.equal(await overdueCount(), before + 1);
  assert.match(await page.textContent('#alerts-overdue'), new RegExp(code));
  await shot(page, 'tracking-dashboard-alert');
  // and /alerts
  await page.click('#alerts-tile h2 a');
  assert.match(await page.textContent('#list-overdue_commitment'), new RegExp(code));

  // marked done on the project's page
  await page.goto(`${server.url}projects/${project}`);
  await Promise.all([page.waitForNavigation(), page.click(`#commitments tr[data-code="${code}"] button.mark-done`)]);
  assert.equal(await page.locator(`#commitments tr[data-code="${code}"]`).getAttribute('class'), 'done');
  assert.equal(await page.locator(`#commitments tr[data-code="${code}"] button.mark-done`).count(), 0);
  assert.equal(server.sql(`SELECT done_date FROM commitments WHERE code = '${code}'`), TODAY);
  const audited = server.sql(
    `SELECT COUNT(*) FROM audit WHERE kind = 'commitments' AND record = '${code}' AND user_name = 'trk-county'`);
  assert.equal(audited, '2', 'the insert and the update are in the audit trail');

  // the alert is gone
  await page.goto(`${server.url}?year=2004`);
  assert.equal(await overdueCount(), before);
  assert.doesNotMatch(await page.textContent('#alerts-overdue'), new RegExp(code));
  await shot(page, 'tracking-dashboard-done');

  // the timeline: signing first, then in date order, the log entry and the kept promise
  await page.goto(`${server.url}projects/${project}/timeline?lang=en`);
  const rows = await page.$$eval('#timeline tbody tr', (trs) =>
    trs.map((tr) => ({ cls: tr.className, date: tr.cells[0].textContent, detail: tr.cells[2].textContent })));
  assert.equal(rows[0].cls, 'ev-signed');
  const dates = rows.map((r) => r.date);
  assert.deepEqual(dates, [...dates].sort(), 'in date order');
  assert.ok(rows.some((r) => r.cls === 'ev-log' && r.date === '2004-12-20' && r.detail.includes('<协调用电>')));
  assert.ok(rows.some((r) => r.cls === 'ev-due' && r.date === '2004-12-21' && r.detail.includes(code)));
  assert.ok(rows.some((r) => r.cls === 'ev-done' && r.date === TODAY && r.detail.includes(code)));
  assert.match(await page.textContent('#timeline thead'), /Event/);
  await shot(page, 'tracking-timeline');
});

test('a bad commitment is refused beside its field, nothing saved', async () => {
  await page.goto(`${server.url}projects/${project}`);
  const n = server.sql(`SELECT COUNT(*) FROM commitments WHERE project_code = '${project}'`);
  await page.fill('#cm-what', '坏的承诺');
  await page.fill('#cm-promised_date', '2004-12-01');
  await page.fill('#cm-due_date', '2004-11-01');
  await page.click('#commitment-form button[type=submit]');
  await page.waitForSelector('#cm-err-due_date');
  assert.match(await page.textContent('#cm-err-due_date'), /2004-11-01/);
  assert.equal(await page.inputValue('#cm-what'), '坏的承诺', 'what was typed is kept');
  assert.equal(server.sql(`SELECT COUNT(*) FROM commitments WHERE project_code = '${project}'`), n);
});
