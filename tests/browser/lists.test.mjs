// The list pages, the pairings matrix and the report pages in the browser,
// against a demo database: every list opens with the API's count, funds
// filtered to one county give the API's totals and a CSV of as many rows,
// the matrix marks 上海—万州, the plan page draws its bars. Screenshots go
// to $SHOTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer, launchBrowser, login, watchCsp, shot } from './harness.mjs';

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

async function api(path) {
  const r = await page.request.get(`${server.url}api/v1/${path}`);
  assert.equal(r.status(), 200, path);
  return r.json();
}

const thousands = (n) => n.toLocaleString('en-US');

const KINDS = {
  funds: '到位资金', labour: '劳务输出', training: '培训', plans: '区县规划', visits: '考察互访',
  pairings: '结对关系', conferences: '招商会议', status: '项目状态历史',
};

test('every list page opens with the records the API counts', async () => {
  for (const [kind, title] of Object.entries(KINDS)) {
    const resp = await page.goto(`${server.url}${kind}`);
    assert.equal(resp.status(), 200, kind);
    assert.equal(await page.textContent('h1'), title);
    const { total } = await api(`${kind}?per_page=1`);
    assert.ok(total > 0, `${kind}: the demo has records`);
    assert.equal(await page.textContent('#total-count'), thousands(total), kind);
    const rows = await page.$$eval(`#list-${kind} tbody tr`, (r) => r.length);
    assert.equal(rows, Math.min(total, 50), `${kind}: one page of rows`);
    assert.equal(await page.getAttribute(`nav.lists a[href="/${kind}"]`, 'aria-current'), 'page');
    await shot(page, `lists-${kind}`);
  }
});

test('funds filtered to one county: totals as the API gives them, CSV of the same rows', async () => {
  await page.goto(`${server.url}funds`);
  await page.selectOption('select[name="county"]', '500101');
  await Promise.all([page.waitForNavigation(), page.click('form.filters button[type="submit"]')]);
  assert.match(page.url(), /county=500101/);
  const j = await api('funds?county=500101&per_page=1');
  assert.ok(j.total > 0 && j.total < (await api('funds?per_page=1')).total, 'one county is a part of all');
  assert.equal(await page.textContent('#total-count'), thousands(j.total));
  assert.equal(Number(await page.getAttribute('#total-amount', 'data-value')), j.totals.amount);
  // every project on the page is one of 万州's
  const projects = await page.$$eval('#list-funds td[data-col="project_code"] a', (a) => a.map((x) => x.textContent));
  const wanzhou = new Set((await api('projects?recipient_code=500101&per_page=500')).items.map((p) => p.code));
  assert.ok(projects.length > 0 && projects.every((c) => wanzhou.has(c)), 'rows of 万州 projects only');
  await shot(page, 'lists-funds-wanzhou');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv-link')]);
  const csv = readFileSync(await download.path(), 'utf8').trimEnd().split('\r\n');
  assert.equal(csv[0], 'project_code,date,amount,side,source_type,note,code');
  assert.equal(csv.length - 1, j.total, 'CSV rows are the filtered rows');
});

test('sorting by amount, descending, puts the largest receipt first', async () => {
  await page.goto(`${server.url}funds?sort=amount&dir=desc`);
  const first = await page.getAttribute('#list-funds tbody tr', 'data-id');
  const j = await api('funds?sort=amount&dir=desc&per_page=1');
  assert.equal(first, j.items[0].id);
  assert.equal(await page.getAttribute('th[aria-sort]', 'aria-sort'), 'descending');
});

test('the pairings matrix marks 上海—万州 with its year and counts the pairings', async () => {
  await page.goto(`${server.url}pairings/matrix`);
  const cell = page.locator('#matrix td[data-pair="310000|500101"]');
  assert.match(await cell.textContent(), /✓ \d{4}/);
  assert.equal(await cell.getAttribute('title'), '上海市—万州区');
  const { total } = await api('pairings?program=sanxia&per_page=1');
  assert.equal(Number(await page.textContent('#matrix tfoot td:last-child')), total);
  assert.equal(await page.locator('#matrix td.on').count(), total);
  await shot(page, 'matrix');
});

test('the plan page draws a bar per county and target with the elapsed share marked', async () => {
  await page.goto(`${server.url}reports/plan?period=2004-2007`);
  const plan = await (await page.request.get(`${server.url}api/v1/plans?year=2004&per_page=500`)).json();
  const counties = new Set(plan.items.filter((p) => p.start_year === 2004 && p.end_year === 2007)
    .map((p) => p.recipient_code));
  const bars = page.locator('#plan-bars .bar');
  assert.equal(await bars.count(), (counties.size + 1) * 4, 'four bars per county and the total');
  const widths = await page.$$eval('#plan-bars .bar .fill', (f) => f.map((x) => x.getBoundingClientRect().width));
  assert.ok(widths.filter((w) => w > 0).length > counties.size, 'the bars are drawn');
  const marks = await page.$$eval('#plan-bars .elapsed', (m) => m.map((x) => x.getBoundingClientRect().left));
  assert.ok(marks.length === widths.length, 'each bar marks the elapsed share');
  assert.match(await page.textContent('#elapsed'), /规划期已过 \d+(\.\d)?%/);
  const flags = await page.$$eval('#plan-bars .bar', (b) => b.map((x) => x.dataset.flag));
  assert.ok(flags.every((f) => ['on_track', 'behind', 'not_begun', 'no_target'].includes(f)), 'every bar has its flag');
  const report = await (await page.request.get(`${server.url}reports/plan?period=2004-2007`)).text();
  assert.equal(await page.locator('#plan-bars .fill.behind').count(), flags.filter((f) => f === 'behind').length,
    'the behind bars are coloured');
  assert.ok(report.includes('滞后'), 'the report names the measures behind');
  assert.match(await page.textContent('#report-plan'), /规划/);
  await shot(page, 'report-plan');
  await page.goto(`${server.url}reports/signed?year=2004`);
  assert.match(await page.textContent('#report-signed'), /2004/);
  await shot(page, 'report-signed');
});

test('no page broke the Content-Security-Policy', () => {
  assert.deepEqual(csp, []);
});
