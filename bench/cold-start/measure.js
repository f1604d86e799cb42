// One visit of a fresh browser (no cache, no cookies), as in docs/performance.md "first visit after a server restart":
// open the sign-in page with returnUrl=PATH, sign in as the demo manager, and take the milliseconds from the start of
// the navigation the "Sign in" click makes (POST, redirect, GET PATH) until the report figures and the chart are laid
// out (the first animation frame that sees both). Prints one JSON line.
// Usage: node measure.js BASE_URL [PATH=/reports] [EMAIL] [PASSWORD]
'use strict';
const { chromium } = require('playwright-core');

(async () => {
  const [base, path = '/reports', email = 'manager@demo.local', password = 'Demo#2026'] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 } });
    await context.addInitScript(() => {
      window.__m = {};
      const laidOut = s => {
        const e = document.querySelector(s);
        if (!e) return false;
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
      };
      const tick = () => {
        const now = Math.round(performance.now());
        if (!window.__m.figures && laidOut('[data-testid=report-draws]')) window.__m.figures = now;
        if (!window.__m.chart && laidOut('.mud-chart .mud-chart-bar')) window.__m.chart = now;
        if (!window.__m.interactive && document.querySelector('.admin-shell[data-interactive=true]')) window.__m.interactive = now;
        if (!(window.__m.figures && window.__m.chart && window.__m.interactive)) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const page = await context.newPage();
    const loginStarted = Date.now();
    await page.goto('/account/login?returnUrl=' + encodeURIComponent(path));
    const loginPage = Date.now() - loginStarted;
    await page.fill('#username', email);
    await page.fill('#password', password);
    await page.click('#sign-in');
    await page.waitForFunction(() => window.__m.figures && window.__m.chart, null, { timeout: 60000, polling: 50 });
    await page.waitForFunction(() => window.__m.interactive, null, { timeout: 60000, polling: 50 }).catch(() => {});
    const m = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return { ...window.__m, ttfb: Math.round(n.responseStart), dcl: Math.round(n.domContentLoadedEventEnd) };
    });
    console.log(JSON.stringify({ shown: Math.max(m.figures, m.chart), ...m, loginPage }));
  } finally {
    await browser.close();
  }
})().catch(e => { console.error(e); process.exit(1); });
