// Renders a run report in headless Chromium (Debian's package) and prints, as one JSON object, what a
// reader of the page sees: its title, each chart's size and marks, and the numbers in its tables. The
// xunit test ReportBrowserTests runs it and checks those against the run's manifests.
// Usage: node render-report.mjs REPORT.html SCREENSHOT.png
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [htmlPath, screenshotPath] = process.argv.slice(2);
if (!htmlPath || !screenshotPath) {
  console.error('usage: node render-report.mjs REPORT.html SCREENSHOT.png');
  process.exit(2);
}

// A fresh profile each time, and no background traffic: this machine's network is closed.
const profile = mkdtempSync(join(tmpdir(), 'movies-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  timeout: 60_000,
  viewport: { width: 1280, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

try {
  // The report must be self-contained: any request beyond the file itself is recorded and refused.
  const external = [];
  await context.route('**/*', route => {
    const url = route.request().url();
    if (url.startsWith('file:')) {
      return route.continue();
    }
    external.push(url);
    return route.abort();
  });

  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(pathToFileURL(resolve(htmlPath)).href, { waitUntil: 'load' });
  const seen = await page.evaluate(() => {
    const text = el => (el?.textContent ?? '').trim();
    const number = el => Number(text(el).replaceAll(',', ''));
    const rows = attribute => Object.fromEntries([...document.querySelectorAll(`tr[${attribute}]`)]
      .map(tr => [tr.getAttribute(attribute), tr.querySelector('.num') ? number(tr.querySelector('.num')) : text(tr.querySelector('td'))]));
    const charts = [...document.querySelectorAll('svg.chart')].map(svg => {
      const box = svg.getBoundingClientRect();
      const labels = (svg.getAttribute('aria-labelledby') ?? '').split(' ').filter(Boolean);
      return {
        id: svg.dataset.chart,
        role: svg.getAttribute('role'),
        width: box.width,
        height: box.height,
        // Marks drawn with a real size: segments and bars, or the frame an empty chart shows.
        marks: [...svg.querySelectorAll('rect')].filter(r => { const b = r.getBoundingClientRect(); return b.width > 0 && b.height > 0; }).length,
        labels: labels.map(id => text(document.getElementById(id))),
      };
    });
    return {
      title: document.title,
      heading: text(document.querySelector('h1')),
      status: text(document.getElementById('run-status')),
      charts,
      outcomes: rows('data-outcome'),
      rejects: rows('data-reason'),
      measures: rows('data-measure'),
      genres: rows('data-genre'),
      decades: rows('data-decade'),
      topFilms: document.querySelectorAll('#table-top-films tbody tr').length,
      scripts: document.scripts.length,
    };
  });
  await page.screenshot({ path: screenshotPath, fullPage: true });
  console.log(JSON.stringify({ ...seen, external }));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
