// Measures the player page's proof-of-work worker (Lottery.Web/wwwroot/js/pow-worker.js) in Debian's Chromium:
// solves `runs` random challenges at each difficulty and prints the median and 90th percentile time and the hash rate,
// once at full speed and once with Chromium's CPU throttling (4x, a phone-class estimate). No app needed.
//   npm i --prefix /tmp/pw playwright-core@1.64.1 && NODE_PATH=/tmp/pw/node_modules node bench/pow/pow-worker-bench.mjs [difficulties] [runs]
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const worker = readFileSync(fileURLToPath(new URL("../../Lottery.Web/wwwroot/js/pow-worker.js", import.meta.url)));
const difficulties = (process.argv[2] ?? "12,14,16,18").split(",").map(Number);
const runs = Number(process.argv[3] ?? 20);

const server = createServer((req, res) => {
  if (req.url === "/pow-worker.js") res.writeHead(200, { "content-type": "text/javascript" }).end(worker);
  else res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>pow</title>");
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
for (const throttle of [1, 4]) {
  const page = await browser.newPage();
  await page.goto(base + "/");
  if (throttle > 1) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  }
  for (const difficulty of difficulties) {
    const results = [];
    for (let i = 0; i < runs; i++) {
      const challenge = "v1." + randomBytes(16).toString("base64url") + ".1767000000.18.-." + randomBytes(150).toString("base64url");
      results.push(await page.evaluate(([c, d]) => new Promise((resolve) => {
        const w = new Worker("/pow-worker.js");
        w.onmessage = (e) => { w.terminate(); resolve(e.data); };
        w.postMessage({ challenge: c, difficulty: d });
      }), [challenge, difficulty]));
    }
    const ms = results.map((r) => r.ms);
    const rate = results.reduce((s, r) => s + r.hashes, 0) / (ms.reduce((s, x) => s + x, 0) / 1000);
    console.log(`cpu x${throttle}  difficulty ${difficulty}: median ${pct(ms, 0.5).toFixed(0)} ms, p90 ${pct(ms, 0.9).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms, ${Math.round(rate / 1000)}k hashes/s (${runs} runs)`);
  }
  await page.close();
}
await browser.close();
server.close();
