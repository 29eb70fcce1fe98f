// Workbooks in the browser against a demo database: the funds list's Excel
// download (its Chinese file name) and 下载模板 link; the template, filled by
// a second writer (tests/cli/xlsx_check.py fill), uploaded through the
// /upload form (setInputFiles): a bad cell refused with its place
// FILE:SHEET!CELL:COLUMN and nothing imported, a good one previewed,
// confirmed and imported. Screenshots in $SHOTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, launchBrowser, login, watchCsp, shot } from './harness.mjs';

const CHECK = resolve(dirname(fileURLToPath(import.meta.url)), '../cli/xlsx_check.py');
let csp;
let server, browser, page;

before(async () => {
  server = await startServer();
  browser = await launchBrowser(server.dir);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
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

const sql = (q) => server.sql(q);

// The template of funds, filled with ROWS (objects in the export's columns).
async function filledTemplate(name, rows) {
  const r = await page.request.get(`${server.url}templates/funds.xlsx`);
  assert.equal(r.status(), 200);
  const tpl = join(server.dir, 'funds-template.xlsx');
  writeFileSync(tpl, await r.body());
  const json = join(server.dir, `${name}.json`);
  writeFileSync(json, JSON.stringify(rows));
  const out = join(server.dir, name);
  execFileSync('python3', [CHECK, 'fill', tpl, json, out]);
  return readFileSync(out);
}

test('the funds list downloads its rows as a workbook and links its template', async () => {
  await page.goto(`${server.url}funds?year=2004`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#xlsx-link')]);
  assert.equal(download.suggestedFilename(), '到位资金.xlsx');
  const path = join(server.dir, 'list.xlsx');
  await download.saveAs(path);
  assert.equal(readFileSync(path).subarray(0, 2).toString(), 'PK');
  assert.equal(await page.locator('#template-link').getAttribute('href'), '/templates/funds.xlsx');
  await shot(page, '40-funds-xlsx-links');
  assert.deepEqual(csp, []);
});

test('a filled template uploads: a bad cell is refused by its place, a good one imports', async () => {
  const count = sql('SELECT count(*) FROM funds');
  const row = { project_code: 'SX2004-001', date: '2004-08-01', amount: '100万', side: 'supporter',
    source_type: 'enterprise', note: 'web workbook', code: 'XLSX-WEB-1' };
  const projects = sql("SELECT count(*) FROM projects WHERE code = 'SX2004-001'");
  if (projects !== '1') row.project_code = sql('SELECT MIN(code) FROM projects');
  const bad = await filledTemplate('bad.xlsx', [row, { ...row, code: 'XLSX-WEB-2', amount: '一百块' }]);
  await page.goto(`${server.url}upload`);
  await page.selectOption('#kind', 'funds');
  await page.setInputFiles('#file', { name: 'bad.xlsx', mimeType:
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bad });
  await page.click('#upload button');
  await page.waitForSelector('#problems');
  const places = await page.$$eval('#problems td.place', (tds) => tds.map((t) => t.textContent));
  assert.deepEqual(places, ['bad.xlsx:到位资金!C3:金额']);
  assert.equal(await page.locator('#confirm').count(), 0);
  assert.equal(sql('SELECT count(*) FROM funds'), count);
  await shot(page, '41-xlsx-upload-refused');

  const good = await filledTemplate('good.xlsx', [row]);
  await page.setInputFiles('#file', { name: 'good.xlsx', mimeType:
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: good });
  await page.selectOption('#kind', 'funds');
  await page.click('#upload button');
  await page.waitForSelector('#confirm');
  assert.equal(sql('SELECT count(*) FROM funds'), count);
  await shot(page, '42-xlsx-upload-preview');
  await page.click('#confirm button');
  await page.waitForSelector('#result');
  assert.match(await page.textContent('#result'), /新增 1/);
  assert.equal(sql('SELECT count(*) FROM funds'), String(Number(count) + 1));
  assert.equal(sql("SELECT amount FROM funds WHERE code = 'XLSX-WEB-1'"), '1000000');
  await shot(page, '43-xlsx-upload-imported');
  assert.deepEqual(csp, []);
});
