// What a county officer does in the browser, step by step, against a demo
// database: the dashboard's 2004 figures and charts, English and back, the
// project list filtered to one county with its totals and CSV, the annual
// report. Screenshots of each step go to $SHOTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, launchBrowser, login, watchCsp, shot, drawnPixels, DUIKOU } from './harness.mjs';

let csp;
let server, browser, context, page;

before(async () => {
  server = await startServer();
  browser = await launchBrowser(server.dir);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  csp = watchCsp(page);
  await login(page, server.url, server.user, server.password);
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    const code = await server.stop();
    assert.equal(code, 0, `duikou serve should stop with 0 on SIGTERM:\n${server.log()}`);
  }
});

const CHARTS = ['chart-years', 'chart-county', 'chart-supporter', 'chart-status', 'chart-plan'];

test('the dashboard shows the seed\'s 2004 figures and draws every chart', async () => {
  await page.goto(`${server.url}?year=2004`);
  await page.waitForFunction(() => document.body.dataset.chartsReady === '5');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.match(await page.title(), /2004/);
  assert.match(await page.textContent('p.demo'), /演示数据/);
  assert.equal(await page.textContent('#tile-projects .figure'), '183个');
  assert.equal(await page.textContent('#tile-funds .figure'), '22.40亿元');
  assert.equal(await page.textContent('#tile-funds .sub'), '比上年+47%');
  assert.equal(await page.textContent('#tile-labour .figure'), '2.1万人');
  assert.equal(await page.textContent('#tile-wealth-leaders .figure'), '808人');
  assert.equal(await page.textContent('#tile-signed .figure'), '62个');
  for (const id of CHARTS) {
    const n = await drawnPixels(page, `#${id}`);
    assert.ok(n > 500, `${id}: only ${n} pixels drawn`);
  }
  // the chart data is the server's: the 2004 bar of funds by year
  const data = JSON.parse(await page.textContent('#dash-data'));
  assert.equal(data.by_year.find((x) => x.name === '2004').value, 2240000000);
  assert.equal(data.status.reduce((s, x) => s + x.value, 0), 62);
  await shot(page, '01-dashboard-zh');
});

test('switching to English and back keeps the page and is remembered', async () => {
  await page.goto(`${server.url}?year=2004`);
  await page.click('#lang-switch');
  await page.waitForFunction(() => document.body.dataset.chartsReady === '5');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(page.url(), /year=2004/);
  assert.equal(await page.textContent('#tile-funds .figure'), '2.24 billion yuan');
  assert.match(await page.textContent('#tile-funds .label'), /Funds in place/);
  assert.equal(await page.textContent('#tile-funds .sub'), '+47% on the year before');
  assert.equal(await page.textContent('#tile-labour .figure'), 'about 21,000 people');
  await shot(page, '02-dashboard-en');
  // the cookie remembers English on a page opened without ?lang=
  await page.goto(`${server.url}projects`);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.click('#lang-switch');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await page.goto(`${server.url}?year=2004`);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.textContent('#tile-funds .figure'), '22.40亿元');
});

test('the project list filters to one county, totals those rows and downloads them as CSV', async () => {
  await page.goto(`${server.url}projects`);
  const options = await page.$$eval('select[name=county] option', (os) =>
    os.filter((o) => o.value).map((o) => ({ value: o.value, text: o.textContent })));
  assert.ok(options.length > 3, 'several counties to choose from');
  const county = options.find((o) => o.text === '万州区') || options[0];
  await page.selectOption('select[name=county]', county.value);
  await page.click('form.filters button[type=submit]');
  await page.waitForURL(/county=/);
  const cells = await page.$$eval('#projects tbody td.county', (tds) => tds.map((td) => td.textContent));
  assert.ok(cells.length > 0, 'rows for the county');
  for (const c of cells) assert.equal(c, county.text);
  // the totals against the database, computed here by SQL of our own
  const want = Number(server.sql(`SELECT COUNT(*) FROM projects WHERE recipient_code = '${county.value}'`));
  const count = Number((await page.textContent('#total-count')).replace(/,/g, ''));
  assert.equal(count, want);
  if (want <= 50) assert.equal(cells.length, want);
  await shot(page, '03-projects-county');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv-link')]);
  const path = await download.path();
  const csv = execFileSync('cat', [path], { encoding: 'utf8' });
  const lines = csv.split('\r\n').filter((l) => l.length);
  assert.equal(lines[0].split(',')[0], 'code');
  assert.ok(lines[0].includes('recipient_code'));
  assert.equal(lines.length - 1, want, 'one CSV row per filtered project');
  const col = lines[0].split(',').indexOf('recipient_code');
  for (const l of lines.slice(1)) assert.equal(l.split(',')[col], county.value);
});

test('sorting by a column orders the rows', async () => {
  await page.goto(`${server.url}projects?sort=signed&dir=desc`);
  const dates = await page.$$eval('#projects tbody td.date', (tds) => tds.map((td) => td.textContent));
  assert.ok(dates.length > 1);
  assert.deepEqual(dates, [...dates].sort().reverse());
});

test('the annual report page shows the summary inside the layout', async () => {
  await page.goto(`${server.url}reports/annual?year=2004`);
  assert.match(await page.title(), /2004/);
  assert.match(await page.textContent('article.report h1'), /三峡库区移民对口支援工作/);
  const text = await page.textContent('article.report');
  assert.match(text, /22\.40亿元/);
  assert.match(text, /183/);
  assert.ok(await page.$('header.top nav'), 'the layout around it');
  await shot(page, '04-report-annual');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.$eval('header.top', (h) => getComputedStyle(h).display), 'none');
  await shot(page, '05-report-annual-print');
  await page.emulateMedia({ media: 'screen' });
});

test('the binary is the one under test', () => {
  assert.match(execFileSync(DUIKOU, ['--version'], { encoding: 'utf8' }), /duikou/);
});

test('no page broke the Content-Security-Policy', () => {
  assert.deepEqual(csp, []);
});
