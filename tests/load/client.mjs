// The load test's client (tests/cli/test_load.sh): CLIENTS loops, each on
// its own keep-alive connection, sending a mix of reads and writes to a
// running `duikou serve` until SECONDS have passed, while the server's
// VmRSS is sampled from /proc/PID/status. No npm package: node's http only.
//
//   node tests/load/client.mjs CONFIG.json OUTDIR
//
// CONFIG: {url, pid, seconds, clients, token (an API token), cookie
// ("duikou_session=…"), csrf, prefix (of the new receipts' codes),
// fundProjects: [codes], editProjects: [codes], fundDate, reads: [paths]}.
//
// Every answer is a line of OUTDIR/answers.txt:
//   STATUS WHAT KEY VALUE
// WHAT: "fund" (an API POST of a receipt: KEY its code, VALUE its amount),
// "form" (the same through the HTML form /funds/new), "edit" (an API PUT of
// a project's name: KEY the project, VALUE the name), "read" (KEY the path);
// STATUS 0 when no answer came (a reset or a timeout). OUTDIR/rss.txt holds
// "MS KB" samples; OUTDIR/summary.json the counts.
import http from 'node:http';
import fs from 'node:fs';

const [cfgFile, outDir] = process.argv.slice(2);
if (!cfgFile || !outDir) {
  console.error('usage: node client.mjs CONFIG.json OUTDIR');
  process.exit(2);
}
const cfg = JSON.parse(fs.readFileSync(cfgFile, 'utf8'));
const base = new URL(cfg.url);
const answers = fs.createWriteStream(`${outDir}/answers.txt`);
const rssOut = fs.createWriteStream(`${outDir}/rss.txt`);
const t0 = Date.now();
const deadline = t0 + cfg.seconds * 1000;

// one request: resolves to the status (0: no answer) after the whole body
function request(agent, method, path, headers, body) {
  return new Promise((resolve) => {
    const h = { ...headers };
    if (body !== undefined) h['Content-Length'] = Buffer.byteLength(body);
    const req = http.request({ host: base.hostname, port: base.port, method, path, headers: h, agent,
      timeout: 60000 }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode));
      res.on('error', () => resolve(0));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const api = { Authorization: `Bearer ${cfg.token}`, 'Content-Type': 'application/json' };
const page = { Cookie: cfg.cookie };
const form = { Cookie: cfg.cookie, 'Content-Type': 'application/x-www-form-urlencoded' };
const counts = { requests: 0, byStatus: {}, fund: 0, form: 0, edit: 0, read: 0 };

function record(status, what, key, value) {
  counts.requests++;
  counts[what]++;
  counts.byStatus[status] = (counts.byStatus[status] || 0) + 1;
  answers.write(`${status} ${what} ${key} ${value}\n`);
}

// client N: a fixed cycle of ten steps, shifted by N so that the clients
// do different things at any moment
async function client(n) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (let i = 0; Date.now() < deadline; i++) {
    const step = (n + i) % 10;
    const fp = cfg.fundProjects[(n + i) % cfg.fundProjects.length];
    if (step === 0 || step === 5) {
      // a receipt through the API: its own code and amount
      const code = `${cfg.prefix}-${n}-${i}`;
      const amount = 1000 + n * 37 + (i % 997);
      const body = JSON.stringify({ code, project_code: fp, date: cfg.fundDate, amount, side: 'supporter',
        source_type: 'enterprise' });
      record(await request(agent, 'POST', '/api/v1/funds', api, body), 'fund', code, amount);
    } else if ((n + i) % 40 === 3) {
      // a receipt through the HTML form, with the session's CSRF token (one
      // step in forty; clients 1-3 and 41-43 send one among their first
      // three requests, so that a slow server, under valgrind, gets some)
      const code = `${cfg.prefix}F-${n}-${i}`;
      const amount = 500 + n * 11 + (i % 499);
      const body = new URLSearchParams({ csrf: cfg.csrf, code, project_code: fp, date: cfg.fundDate,
        amount: String(amount), side: 'recipient', source_type: '' }).toString();
      record(await request(agent, 'POST', '/funds/new', form, body), 'form', code, amount);
    } else if (step === 7) {
      // a project renamed through the API
      const p = cfg.editProjects[(n + i) % cfg.editProjects.length];
      const name = `负载改名-${n}-${i}`;
      record(await request(agent, 'PUT', `/api/v1/projects/${p}`, api, JSON.stringify({ name })), 'edit', p,
        name);
    } else {
      const path = cfg.reads[(n * 7 + i) % cfg.reads.length];
      const headers = path.startsWith('/api/') ? api : page;
      record(await request(agent, 'GET', path, headers), 'read', path, '-');
    }
  }
  agent.destroy();
}

function sampleRss() {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${cfg.pid}/status`, 'utf8'));
    if (m) rssOut.write(`${Date.now() - t0} ${m[1]}\n`);
  } catch {
    rssOut.write(`${Date.now() - t0} gone\n`);
  }
}
sampleRss();
const sampler = setInterval(sampleRss, 250);

const loops = [];
for (let n = 0; n < cfg.clients; n++) loops.push(client(n));
await Promise.all(loops);
clearInterval(sampler);
sampleRss();
counts.seconds = (Date.now() - t0) / 1000;
await new Promise((r) => answers.end(r));
await new Promise((r) => rssOut.end(r));
fs.writeFileSync(`${outDir}/summary.json`, JSON.stringify(counts) + '\n');
console.log(`${counts.requests} requests in ${counts.seconds.toFixed(1)} s from ${cfg.clients} clients: ` +
  JSON.stringify(counts.byStatus));
