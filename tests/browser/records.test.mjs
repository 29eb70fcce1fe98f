// Records in the browser against a demo database: create a project through
// the form, record a fund receipt on its page and see the dashboard's 到位资金
// tile rise by exactly that amount, a bad amount refused beside its field
// with nothing saved, a CSV upload with one bad row refused with that row's
// error and nothing imported, a clean upload imported, the data-quality
// page, deleting the project; and text with <script>, quotes and & shown as
// text everywhere (no dialog may open). Screenshots of each step in $SHOTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, login, watchCsp, shot } from './harness.mjs';

let csp;
let server, browser, page;

before(async () => {
  server = await startServer();
  browser = await launchBrowser(server.dir);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  csp = watchCsp(page);
  await login(page, server.url, server.user, server.password);
  // any alert/confirm/prompt means some text ran as script
  page.on('dialog', (d) => { throw new Error(`a dialog opened: ${d.message()}`); });
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    const code = await server.stop();
    assert.equal(code, 0, `duikou serve should stop with 0 on SIGTERM:\n${server.log()}`);
  }
});

const sql = (q) => server.sql(q);
const annual = async (year) => {
  const r = await page.request.get(`${server.url}api/v1/reports/annual?year=${year}`);
  assert.equal(r.status(), 200);
  return r.json();
};

// Fills the project form; TEXT goes into every free-text field.
async function fillProject(code, text, amount) {
  await page.fill('#f-code', code);
  await page.fill('#f-name', text.name ?? text);
  await page.selectOption('#f-program', 'sanxia');
  await page.selectOption('#f-category', 'economic');
  await page.selectOption('#f-recipient_code', '500101');
  await page.selectOption('#f-supporter_code', '310000');
  await page.fill('#f-signed_date', '2004-03-01');
  await page.fill('#f-investor', text.other ?? text);
  await page.fill('#f-industry_code', '17');
  await page.fill('#f-contract_amount', amount);
  await page.selectOption('#f-status', 'constructing');
  await page.fill('#f-status_date', '2004-03-01');
  await page.fill('#f-leader', text.other ?? text);
  await page.fill('#f-team', text.other ?? text);
  await page.selectOption('#f-service_mode', 'agency');
  await page.check('#f-green_channel');
  await page.fill('#f-policy_note', text.other ?? text);
}

test('a project created through the form, a receipt raising the dashboard by exactly its amount', async () => {
  const before = await annual(2004);
  await page.goto(`${server.url}?year=2004`);
  const tileBefore = await page.textContent('#tile-funds .figure');
  await page.goto(`${server.url}projects/new`);
  await shot(page, '20-project-new');
  await fillProject('WEB-1', { name: '浏览器测试纺织厂', other: '张三' }, '8730万');
  await Promise.all([page.waitForURL(/\/projects\/WEB-1$/), page.click('form.record button[type=submit]')]);
  assert.match(await page.textContent('#project-title'), /浏览器测试纺织厂/);
  assert.equal(await page.textContent('#fields td[data-col=contract_amount]'), '8730万元');
  assert.equal(await page.textContent('#fields td[data-col=category]'), '经贸合作');
  assert.equal(await page.textContent('#service td[data-col=green_channel]'), '是');
  assert.equal(sql("SELECT contract_amount FROM projects WHERE code = 'WEB-1'"), '87300000');
  await shot(page, '21-project-page');

  await page.fill('#fund-form #f-date', '2004-06-01');
  await page.fill('#fund-form #f-amount', '1.12亿');
  await page.selectOption('#fund-form #f-side', 'supporter');
  await page.selectOption('#fund-form #f-source_type', 'enterprise');
  await page.fill('#fund-form #f-note', '首期');
  await Promise.all([page.waitForURL(/\/projects\/WEB-1#funds$/), page.click('#fund-form button')]);
  assert.equal(await page.locator('#receipts tbody tr').count(), 1);
  assert.equal(await page.textContent('#receipts-total'), '1.12亿元');
  await shot(page, '22-receipt-recorded');

  const after = await annual(2004);
  assert.equal(after.funds.total - before.funds.total, 112000000);
  await page.goto(`${server.url}?year=2004`);
  const tileAfter = await page.textContent('#tile-funds .figure');
  const yi = (s) => Number(s.match(/^([\d.]+)亿元$/)[1]);
  assert.equal(yi(tileAfter).toFixed(2), (yi(tileBefore) + 1.12).toFixed(2), `${tileBefore} → ${tileAfter}`);
  await shot(page, '23-dashboard-after-receipt');
});

test('a bad amount is refused beside its field and nothing is saved', async () => {
  const count = sql('SELECT count(*) FROM projects');
  await page.goto(`${server.url}projects/new`);
  await fillProject('WEB-2', { name: '坏金额', other: '' }, '很多钱');
  await page.click('form.record button[type=submit]');
  await page.waitForSelector('#err-contract_amount');
  assert.match(await page.textContent('#err-contract_amount'), /很多钱/);
  // what the user typed is still there
  assert.equal(await page.inputValue('#f-contract_amount'), '很多钱');
  assert.equal(await page.inputValue('#f-name'), '坏金额');
  assert.equal(sql('SELECT count(*) FROM projects'), count);
  await shot(page, '24-bad-amount');

  // and a receipt with a bad amount on the project's page
  await page.goto(`${server.url}projects/WEB-1`);
  await page.fill('#fund-form #f-date', '2004-07-01');
  await page.fill('#fund-form #f-amount', '-3万');
  await page.click('#fund-form button');
  await page.waitForSelector('#fund-form #err-amount');
  assert.equal(await page.inputValue('#fund-form #f-amount'), '-3万');
  assert.equal(sql("SELECT count(*) FROM funds WHERE project_code = 'WEB-1'"), '1');
});

test('an upload with one bad row shows that row\'s error and imports nothing; a clean one imports', async () => {
  const count = sql('SELECT count(*) FROM funds');
  const bad = 'project_code,date,amount,side\nWEB-1,2004-08-01,100万,supporter\nWEB-1,2004-08-02,一百块,supporter\n';
  await page.goto(`${server.url}upload`);
  await page.selectOption('#kind', 'funds');
  await page.setInputFiles('#file', { name: 'receipts.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await page.click('#upload button');
  await page.waitForSelector('#problems');
  const places = await page.$$eval('#problems td.place', (tds) => tds.map((t) => t.textContent));
  assert.deepEqual(places, ['receipts.csv:3:amount']);
  // the message in the page's language (Chinese), after the same place
  assert.match(await page.textContent('#problems'), /“一百块”不是金额/);
  assert.match(await page.textContent('#summary'), /2/);
  assert.equal(await page.locator('#confirm').count(), 0);
  assert.equal(sql('SELECT count(*) FROM funds'), count);
  await shot(page, '25-upload-refused');

  const good = 'project_code,date,amount,side\nWEB-1,2004-08-01,100万,supporter\n';
  await page.setInputFiles('#file', { name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await page.selectOption('#kind', 'funds');
  await page.click('#upload button');
  await page.waitForSelector('#confirm');
  // the preview wrote nothing
  assert.equal(sql('SELECT count(*) FROM funds'), count);
  await shot(page, '26-upload-preview');
  await page.click('#confirm button');
  await page.waitForSelector('#result');
  assert.match(await page.textContent('#result'), /新增 1/);
  assert.equal(sql('SELECT count(*) FROM funds'), String(Number(count) + 1));
  await shot(page, '27-upload-imported');
});

test('the data-quality page lists what the rules say', async () => {
  await page.goto(`${server.url}check`);
  const summary = await page.textContent('#check-summary');
  const n = await page.locator('#violations tbody tr').count();
  if (n === 0) assert.match(summary, /均已满足/);
  else assert.match(summary, new RegExp(String(n)));
  await shot(page, '28-check');
});

test('deleting the project takes its receipts and history with it', async () => {
  await page.goto(`${server.url}projects/WEB-1`);
  await page.click('#delete');
  assert.match(await page.textContent('main'), /到位资金记录将一并删除/);
  await shot(page, '29-delete-confirm');
  await Promise.all([page.waitForURL(/\/projects$/), page.click('button.danger')]);
  assert.equal(sql("SELECT count(*) FROM projects WHERE code = 'WEB-1'"), '0');
  assert.equal(sql("SELECT count(*) FROM funds WHERE project_code = 'WEB-1'"), '0');
  assert.equal(sql("SELECT count(*) FROM status_history WHERE project_code = 'WEB-1'"), '0');
  const r = await page.goto(`${server.url}projects/WEB-1`);
  assert.equal(r.status(), 404);
});

test('script, quotes and & in every text field are shown as text', async () => {
  const evil = `<script>alert(1)</script>"'&amp; & <b>x</b>`;
  const code = `E"&'<script>alert(1)</script>`;
  await page.goto(`${server.url}projects/new`);
  await fillProject(code, evil, '1亿');
  // signed last, so that it heads the list sorted by date
  await page.fill('#f-signed_date', '2004-12-30');
  await page.fill('#f-status_date', '2004-12-30');
  await page.click('form.record button[type=submit]');
  await page.waitForSelector('#project-title');
  assert.equal(sql(`SELECT count(*) FROM projects WHERE name = '${evil.replace(/'/g, "''")}'`), '1');
  assert.equal(await page.textContent('#project-title'), `${code} ${evil}`);
  for (const col of ['investor']) assert.equal(await page.textContent(`#fields td[data-col=${col}]`), evil);
  for (const col of ['leader', 'team', 'policy_note'])
    assert.equal(await page.textContent(`#service td[data-col=${col}]`), evil);
  assert.equal(await page.locator('main script').count(), 0);
  await shot(page, '30-escaping-page');

  await page.click('#edit');
  for (const f of ['#f-name', '#f-investor', '#f-leader', '#f-team', '#f-policy_note'])
    assert.equal(await page.inputValue(f), evil);
  assert.equal(await page.inputValue('#f-code'), code);
  await shot(page, '31-escaping-edit');
  // saved again unchanged through the edit form
  await page.click('form.record button[type=submit]');
  await page.waitForSelector('#project-title');
  assert.equal(await page.textContent('#project-title'), `${code} ${evil}`);

  await page.goto(`${server.url}projects?sort=signed&dir=desc`);
  const row = page.locator('#projects tbody tr').filter({ has: page.locator('td.code', { hasText: code }) });
  assert.equal(await row.count(), 1);
  assert.equal(await row.locator('td.name').textContent(), evil);
  assert.equal(await row.locator('td.code').textContent(), code);
  await shot(page, '32-escaping-list');
  await row.locator('td.code a').click();
  await page.waitForSelector('#project-title');
  assert.equal(await page.textContent('#project-title'), `${code} ${evil}`);
});

test('no page broke the Content-Security-Policy', () => {
  assert.deepEqual(csp, []);
});
