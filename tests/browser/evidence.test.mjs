// Arrival verification in the browser (issue 10 part 2): the county office
// of an unverified receipt uploads a real PDF (a tiny valid one made here)
// as its evidence on the receipt's page, downloads it back identical (its
// SHA-256 as listed), and is refused a file over 10 MiB and an HTML file
// named .pdf, with the reason on the page and nothing stored; the
// municipal office then marks the receipt verified and it is locked (no
// upload form, no edit form); /reconcile shows its figures. Screenshots in
// $SHOTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launchBrowser, shot, login, addUser } from './harness.mjs';

let server, browser, page, receipt, county, countyPassword, cityPassword;

// A minimal valid one-page PDF, its cross-reference offsets computed.
function tinyPdf() {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

before(async () => {
  server = await startServer();
  receipt = server.sql(
    "SELECT f.code FROM funds f WHERE f.verified_at IS NULL AND f.date LIKE '2004%' ORDER BY f.id LIMIT 1");
  assert.ok(receipt, 'the demo has an unverified 2004 receipt');
  county = server.sql(
    `SELECT p.recipient_code FROM funds f JOIN projects p ON p.code = f.project_code WHERE f.code = '${receipt}'`);
  countyPassword = addUser(server.db, 'ev-county', 'county', county);
  cityPassword = addUser(server.db, 'ev-city', 'municipal');
  browser = await launchBrowser(server.dir);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  await login(page, server.url, 'ev-county', countyPassword);
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    const code = await server.stop();
    assert.equal(code, 0, `duikou serve should stop with 0 on SIGTERM:\n${server.log()}`);
  }
});

const stored = () => Number(server.sql(
  `SELECT COUNT(*) FROM fund_evidence v JOIN funds f ON f.id = v.fund_id WHERE f.code = '${receipt}'`));

async function upload(file) {
  await page.goto(`${server.url}funds/${receipt}`);
  await page.setInputFiles('#evidence-form input[type=file]', file);
  await Promise.all([page.waitForNavigation(), page.click('#evidence-form button[type=submit]')]);
}

test('a PDF uploaded as evidence comes back identical', async () => {
  const pdf = tinyPdf();
  const file = join(server.dir, '到位凭证.pdf');
  writeFileSync(file, pdf);
  await upload(file);
  assert.equal(stored(), 1);
  const row = page.locator('#evidence tbody tr');
  assert.equal(await row.count(), 1);
  const sha = createHash('sha256').update(pdf).digest('hex');
  assert.match(await row.textContent(), new RegExp(sha), 'the listed SHA-256 is the file\'s');
  assert.match(await row.textContent(), /到位凭证\.pdf/);
  await shot(page, 'evidence-uploaded');
  const [download] = await Promise.all([page.waitForEvent('download'), row.locator('a').click()]);
  assert.equal(download.suggestedFilename(), '到位凭证.pdf');
  const back = readFileSync(await download.path());
  assert.ok(back.equals(pdf), 'the same bytes');
  // and its headers, asked directly with the session
  const res = await page.request.get(`${server.url}${(await row.locator('a').getAttribute('href')).slice(1)}`);
  assert.equal(res.headers()['content-type'], 'application/pdf');
  assert.equal(res.headers()['x-content-type-options'], 'nosniff');
  assert.match(res.headers()['content-disposition'], /^attachment; filename=/);
});

test('an oversized and a disguised file are refused', async () => {
  const big = join(server.dir, 'big.pdf');
  writeFileSync(big, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024)]));
  await upload(big);
  assert.match(await page.textContent('#problem'), /10 MiB/);
  await shot(page, 'evidence-too-large');
  const exe = join(server.dir, 'invoice.pdf');
  writeFileSync(exe, Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(512)]));
  await upload(exe);
  assert.match(await page.textContent('#problem'), /invoice\.pdf.*PDF/);
  const html = join(server.dir, 'page.pdf');
  writeFileSync(html, '<html><script>alert(1)</script></html>');
  await upload(html);
  assert.match(await page.textContent('#problem'), /page\.pdf/);
  assert.equal(stored(), 1, 'nothing more stored');
});

test('verified by the municipal office, the receipt is locked', async () => {
  await login(page, server.url, 'ev-city', cityPassword);
  await page.goto(`${server.url}funds/${receipt}`);
  await Promise.all([page.waitForNavigation(), page.click('#verify-form button[type=submit]')]);
  assert.match(await page.getAttribute('#verification', 'class'), /verified/);
  assert.equal(await page.locator('#evidence-form').count(), 0, 'no more uploads');
  assert.equal(await page.locator('input[name=amount]').count(), 0, 'no edit form');
  assert.equal(await page.locator('#unlock-form').count(), 1);
  await shot(page, 'evidence-verified');
  await page.goto(`${server.url}reconcile?year=2004`);
  assert.ok(await page.locator('#recon-pairs tbody tr').count() > 0);
  assert.match(await page.textContent('#recon-result'), /差异|相符/);
});
