// The plan workflow end to end in the browser with three users, each signed
// in through the /login form in a browser context of its own: the county
// office of 巴南 submits its draft plan, the paired supporter 厦门
// acknowledges it, the municipal office returns it with a reason, the county
// submits again, the supporter acknowledges again, the municipal office
// approves. After each step the plan's page shows the state and the history,
// and only the buttons of the user who may act. Screenshots in $SHOTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, launchBrowser, shot, login, DUIKOU } from './harness.mjs';

const PLAN = 'GH-500113-2004'; // 巴南's plan: a draft in the demo world
const users = {
  county: { name: 'bn-county', role: 'county', scope: '500113' },
  supporter: { name: 'xm-supporter', role: 'supporter', scope: '350200' }, // 厦门, paired with 巴南
  municipal: { name: 'cq-municipal', role: 'municipal' },
};
const password = (u) => `pw-${u.name}-123456`;

let server, browser, db;
const pages = {};

before(async () => {
  server = await startServer();
  db = server.db;
  for (const u of Object.values(users)) {
    const args = ['--db', db, 'user', 'add', u.name, '--role', u.role];
    if (u.scope) args.push('--scope', u.scope);
    args.push('--password-stdin');
    execFileSync(DUIKOU, args, { input: `${password(u)}\n`, stdio: ['pipe', 'ignore', 'inherit'] });
  }
  browser = await launchBrowser(server.dir);
  for (const [who, u] of Object.entries(users)) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => { throw e; });
    page.on('dialog', (d) => { throw new Error(`a dialog opened: ${d.message()}`); });
    await login(page, server.url, u.name, password(u));
    pages[who] = page;
  }
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    const code = await server.stop();
    assert.equal(code, 0, `duikou serve should stop with 0 on SIGTERM:\n${server.log()}`);
  }
});

const sql = (q) => server.sql(q);
const planUrl = () => `${server.url}plans/${PLAN}`;

// Opens the plan's page as WHO and checks the state it shows, the steps of
// its history and which step buttons it offers.
async function look(who, state, history, buttons) {
  const page = pages[who];
  const r = await page.goto(planUrl());
  assert.equal(r.status(), 200);
  await check(page, state, history, buttons);
  return page;
}

async function check(page, state, history, buttons) {
  assert.equal(await page.textContent('#plan-state'), state);
  const rows = await page.$$eval('#plan-steps tbody tr', (trs) => trs.map((tr) => ({
    step: tr.dataset.step,
    cells: [...tr.querySelectorAll('td')].map((td) => td.textContent),
  })));
  assert.deepEqual(rows.map((r) => r.step), history.map((h) => h[0]));
  history.forEach(([, user, reason], i) => {
    assert.ok(rows[i].cells[1].startsWith(user), `step ${i + 1} signed by ${user}: ${rows[i].cells[1]}`);
    assert.match(rows[i].cells[0], /^\d{4}-\d\d-\d\d$/, 'each step is dated');
    assert.equal(rows[i].cells[4], reason ?? '');
  });
  const shown = await page.$$eval('#plan-actions button', (bs) => bs.map((b) => b.id.replace('step-', '')));
  assert.deepEqual(shown, buttons);
}

// WHO presses the button of STEP; the page comes back with its message.
async function press(who, step, message, reason) {
  const page = pages[who];
  if (reason !== undefined) await page.fill('#reason', reason);
  await Promise.all([page.waitForURL(`**/plans/${PLAN}?done=${step}`), page.click(`#step-${step}`)]);
  assert.equal(await page.textContent('#flow-message'), message);
  return page;
}

test('county submits, supporter acknowledges, municipal returns, then all again and approves', async () => {
  const C = users.county.name, S = users.supporter.name, M = users.municipal.name;
  const why = '请补充劳务输出目标 <img src=x onerror=alert(1)> & "引号"';
  let h = [];

  await look('supporter', '草稿', h, []);
  await look('municipal', '草稿', h, ['submit']);
  await look('county', '草稿', h, ['submit']);
  await shot(pages.county, 'plan-1-draft');

  let page = await press('county', 'submit', '规划已提交');
  h = [['submit', C]];
  await check(page, '已提交', h, []);
  await shot(page, 'plan-2-submitted');

  await look('county', '已提交', h, []);
  page = await look('supporter', '已提交', h, ['acknowledge', 'return']);
  page = await press('supporter', 'acknowledge', '规划已认可');
  h.push(['acknowledge', S]);
  await check(page, '已认可', h, []);
  assert.match(await page.textContent('td[data-col="approved_by"]'), /厦门/);
  await shot(page, 'plan-3-acknowledged');

  page = await look('municipal', '已认可', h, ['approve', 'return']);
  // a return needs a reason: the browser keeps the empty form from being sent
  assert.equal(await page.$eval('#reason', (t) => t.required), true);
  page = await press('municipal', 'return', '规划已退回', why);
  h.push(['return', M, why]);
  await check(page, '已退回', h, ['submit']); // the offices may resubmit a returned plan
  assert.equal(await page.textContent('td[data-col="approved_by"]'), '');
  await shot(page, 'plan-4-returned');

  await look('supporter', '已退回', h, []);
  await look('county', '已退回', h, ['submit']);
  page = await press('county', 'submit', '规划已提交');
  h.push(['submit', C]);
  await check(page, '已提交', h, []);

  await look('supporter', '已提交', h, ['acknowledge', 'return']);
  page = await press('supporter', 'acknowledge', '规划已认可');
  h.push(['acknowledge', S]);
  await check(page, '已认可', h, []);

  await look('county', '已认可', h, []);
  await look('municipal', '已认可', h, ['approve', 'return']);
  page = await press('municipal', 'approve', '规划已批准');
  h.push(['approve', M]);
  await check(page, '已批准', h, []);
  await shot(page, 'plan-5-approved');
  for (const who of ['county', 'supporter']) await look(who, '已批准', h, []);

  // the list shows the state and filters by it
  await page.goto(`${server.url}plans?state=approved`);
  assert.deepEqual(await page.$$eval('#list-plans tbody tr', (trs) => trs.map((tr) => tr.dataset.id)), [PLAN]);
  assert.match(await page.textContent('#list-plans tbody tr'), /已批准/);

  // each step is a plan_steps row and an audit row of its user
  const words = (q) => sql(q).split('\n').join(' ');
  assert.equal(words(`SELECT step || ':' || user_name FROM plan_steps WHERE plan_code = '${PLAN}' ORDER BY id`),
  `submit:${C} acknowledge:${S} return:${M} submit:${C} acknowledge:${S} approve:${M}`);
  assert.equal(words(`SELECT action || ':' || user_name FROM audit WHERE kind = 'plans' AND record = '${PLAN}'
    ORDER BY id`),
  `submit:${C} acknowledge:${S} return:${M} submit:${C} acknowledge:${S} approve:${M}`);
  assert.equal(sql(`SELECT state || ' ' || approved_by FROM plans WHERE code = '${PLAN}'`), 'approved 350200');
});
