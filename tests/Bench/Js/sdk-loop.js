// The official JS SDK's loop over the details query: a client credentials login through setGateway (the emulator's
// hosts), then postAnalyticsConversationsDetailsQuery page by page until a page has no conversations. With
// BENCH_WAIT_429=1 it waits out each 429 for its Retry-After (the sequential loop of the busy day) and writes the ids
// it read to BENCH_IDS_PATH. Prints one "BENCH_RESULT={...}" line, as every implementation of the benchmark does.
'use strict';
const started = process.hrtime.bigint();
const cpuAtStart = process.cpuUsage();
const fs = require('fs');
const platformClient = require(process.env.BENCH_JS_MODULES + '/purecloud-platform-client-v2');

const elapsedMs = () => Number(process.hrtime.bigint() - started) / 1e6;
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

function gatewayOf(url) {
  const u = new URL(url);
  return { host: u.hostname, port: u.port, protocol: u.protocol.replace(':', ''), path_params_login: '', path_params_api: '' };
}

function peakRss() {
  const line = fs.readFileSync('/proc/self/status', 'utf8').split('\n').find(l => l.startsWith('VmHWM:'));
  return line ? Number(line.split(/\s+/)[1]) * 1024 : 0;
}

async function main() {
  const client = platformClient.ApiClient.instance;
  // login and api on two hosts: the gateway is switched before each kind of call.
  client.setGateway(gatewayOf(process.env.BENCH_LOGIN_URL));
  await client.loginClientCredentialsGrant(process.env.BENCH_CLIENT_ID, process.env.BENCH_CLIENT_SECRET);
  client.setGateway(gatewayOf(process.env.BENCH_API_URL));
  const api = new platformClient.ConversationsApi();
  const waitOut429 = process.env.BENCH_WAIT_429 === '1';
  const ids = [];
  let records = 0, firstRecordMs = null, waits = 0, errors = 0;
  for (let pageNumber = 1; ; pageNumber++) {
    const body = {
      interval: process.env.BENCH_INTERVAL,
      paging: { pageSize: 100, pageNumber },
      conversationFilters: [{ type: 'and', predicates: [{ dimension: 'conversationEnd', operator: 'exists' }] }],
    };
    let page;
    try {
      page = await api.postAnalyticsConversationsDetailsQuery(body);
    } catch (e) {
      if (waitOut429 && e && e.status === 429) {
        const seconds = Number((e.headers || {})['retry-after'] || 1);
        waits++;
        await sleep(seconds * 1000);
        pageNumber--;
        continue;
      }
      errors++;
      throw new Error(`page ${pageNumber}: ${e && e.status} ${e && e.message}`);
    }
    const conversations = page.conversations;
    if (!conversations || conversations.length === 0) break;
    if (firstRecordMs === null) firstRecordMs = elapsedMs();
    records += conversations.length;
    if (process.env.BENCH_IDS_PATH) for (const c of conversations) ids.push(c.conversationId);
  }
  if (process.env.BENCH_IDS_PATH) fs.writeFileSync(process.env.BENCH_IDS_PATH, ids.join('\n'));
  const cpu = process.cpuUsage(cpuAtStart);
  const result = {
    Records: records, Seconds: elapsedMs() / 1000, CpuSeconds: (cpu.user + cpu.system) / 1e6, PeakRssBytes: peakRss(),
    FirstRecordMs: firstRecordMs, Waits: waits, Errors: errors,
  };
  console.log('BENCH_RESULT=' + JSON.stringify(result));
}

main().catch(e => { console.error(e && e.stack || e); process.exit(1); });
