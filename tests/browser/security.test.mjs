// The security suite in a real browser: script payloads in every free-text
// field of every kind (through the API, the way a hostile user would) and
// SQL injection payloads; then every page that shows those records is
// opened — lists, record pages, the project and plan pages, the dashboard,
// the reports, the data-quality page and the audit trail. No dialog may
// open, no script error happen and no CSP violation be reported (each would
// mean some text ran as script), and the SQL text must come back literally,
// the tables intact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, login, watchCsp, shot } from './harness.mjs';

let server, browser, page, csp;
const ran = [];

// Payloads that run if any page writes them unescaped (alert numbers name them).
const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(2)>',
  "'><svg onload=alert(3)>",
  '</textarea><script>alert(4)</script>',
  '</script><script>alert(5)</script>',
  'javascript:alert(6)',
  '<a href="javascript:alert(7)">x</a>',
];
const SQL = ["x'); DROP TABLE projects; --", "1' OR '1'='1", 'Robert"); DELETE FROM funds; --'];
const mix = (i) => `${XSS[i % XSS.length]} ${SQL[i % SQL.length]} 第${i}`;

before(async () => {
  server = await startServer();
  browser = await launchBrowser(server.dir);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => ran.push(`script error: ${e.message}`));
  page.on('dialog', async (d) => { ran.push(`dialog: ${d.message()}`); await d.dismiss(); });
  csp = watchCsp(page);
  await login(page, server.url, server.user, server.password);
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.stop();
});

async function csrf() {
  return page.$eval('meta[name="csrf-token"]', (m) => m.content);
}

async function create(kind, body) {
  const r = await page.request.post(`${server.url}api/v1/${kind}`, {
    data: body, headers: { 'X-CSRF-Token': await csrf() },
  });
  assert.equal(r.status(), 201, `create ${kind}: ${await r.text()}`);
  return r.json();
}

let n = 0;
const t = () => mix(n++);
const records = {};

test('records with payloads in every free-text field are stored', async () => {
  await page.goto(server.url);
  records.conference = await create('conferences', { code: 'SEC-C', name: t(), date: '2004-06-01', place: t() });
  records.project = await create('projects', {
    code: 'SEC-P', name: t(), program: 'sanxia', category: 'economic', recipient_code: '500101',
    supporter_code: '310000', conference: 'SEC-C', signed_date: '2004-06-01', investor: t(),
    ownership: 'private', industry_code: '13', total_investment: 5000000, contract_amount: 4000000,
    private_amount: 1000000, status: 'negotiating', status_date: '2004-06-01', leader: t(), team: t(),
    service_mode: 'agency', green_channel: true, policy_note: t(),
  });
  records.fund = await create('funds', { code: 'SEC-F', project_code: 'SEC-P', date: '2004-07-01',
    amount: 1000, side: 'supporter', note: t() });
  records.labour = await create('labour', { code: 'SEC-L', date: '2004-07-01', origin_code: '500101',
    employer: t(), mode: 'gov_contract', headcount: 5, contract_no: t() });
  records.training = await create('training', { code: 'SEC-T', kind: 'skills', start_date: '2004-07-01',
    days: 3, origin_code: '500101', topic: t(), headcount: 5 });
  records.visit = await create('visits', { date: '2004-07-02', direction: 'to_recipient',
    supporter_code: '310000', recipient_code: '500101', leader: t(), rank: t(), purpose: t() });
  records.plan = await create('plans', { code: 'SEC-PL', recipient_code: '500101', start_year: 2008,
    end_year: 2010, target_projects: 3 });
  // a change, so that the audit trail shows payloads as old and new values
  const r = await page.request.put(`${server.url}api/v1/projects/SEC-P`, {
    data: { name: t() }, headers: { 'X-CSRF-Token': await csrf() },
  });
  assert.equal(r.status(), 200);
  // a plan returned with a payload as its reason
  for (const [step, body] of [['submit', {}], ['return', { reason: t() }]]) {
    const s = await page.request.post(`${server.url}api/v1/plans/SEC-PL/${step}`, {
      data: body, headers: { 'X-CSRF-Token': await csrf() },
    });
    assert.equal(s.status(), 200, `${step}: ${await s.text()}`);
  }
});

const pages = [
  '', 'projects', 'projects/SEC-P', 'projects/SEC-P/edit', 'funds', 'funds/SEC-F/edit', 'labour',
  'labour/SEC-L/edit', 'training', 'training/SEC-T/edit', 'visits', 'conferences', 'conferences/SEC-C/edit',
  'plans', 'plans/SEC-PL', 'status', 'pairings', 'pairings/matrix', 'reports/annual?year=2004',
  'reports/signed?year=2004', 'reports/plan', 'check', 'audit', 'upload',
  'projects?lang=en', 'audit?lang=en', 'projects/SEC-P?lang=en',
];

test('no page runs the text as script, in Chinese or English', async () => {
  for (const p of pages) {
    const r = await page.goto(`${server.url}${p}`);
    assert.equal(r.status(), 200, `GET /${p}`);
    await page.waitForLoadState('load');
  }
  const v = records.visit.id;
  await page.goto(`${server.url}visits/${v}/edit`);
  await shot(page, 'security-01-visit-form');
  await page.goto(`${server.url}audit`);
  await shot(page, 'security-02-audit');
  assert.deepEqual(ran, [], 'no dialog, no script error');
  assert.deepEqual(csp, [], 'no Content-Security-Policy violation');
});

test('the SQL text is stored and shown literally, the tables intact', async () => {
  await page.goto(`${server.url}projects/SEC-P`);
  const text = await page.textContent('main');
  const name = (await (await page.request.get(`${server.url}api/v1/projects/SEC-P`)).json()).name;
  assert.ok(SQL.some((s) => name.includes(s)), 'the stored name holds the SQL text');
  assert.ok(text.includes(name.split(' 第')[0].split('> ').pop()), 'the page shows it as text');
  const list = await page.request.get(`${server.url}api/v1/projects`);
  assert.equal(list.status(), 200);
  const count = (table) => Number(server.sql(`SELECT count(*) FROM ${table}`));
  assert.ok(count('projects') > 100, 'the projects table is still there');
  assert.ok(count('funds') > 100, 'the funds table is still there');
});

test('the login form shows a hostile user name as text', async () => {
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  p.on('dialog', async (d) => { ran.push(`login dialog: ${d.message()}`); await d.dismiss(); });
  await p.goto(`${server.url}login?next=${encodeURIComponent('/"><script>alert(9)</script>')}`);
  await p.fill('#user', XSS[1]);
  await p.fill('#password', SQL[1]);
  await p.click('#login button[type=submit]');
  await p.waitForLoadState('load');
  assert.equal(new URL(p.url()).pathname, '/login');
  await ctx.close();
  assert.deepEqual(ran, []);
});
