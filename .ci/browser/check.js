#!/usr/bin/env node
// Browser checks of the built site, in Debian's Chromium driven by playwright-core:
//
//   * every HTML page is loaded from a loopback-only static server and checked with axe-core
//     (WCAG 2.0/2.1 A and AA; the colour rules again with prefers-color-scheme: dark); a search
//     page is checked again showing the results of a query;
//   * no page may request another host, throw a script error or repeat an id;
//   * every page is checked for horizontal scrolling at 360 px, and every policy page for its
//     height there (at most 8,000 px with its actions collapsed);
//   * searches written in different ways (startup / start-up, セタガヤ / せたがや) find the same;
//     search.js folds, hashes and decodes the examples of tests/fixtures/search-folding.json as
//     Rust does; "More results" shows more from the keyboard;
//   * a link from a policy page's list of what is behind opens the collapsed action it points into;
//   * every internal link, stylesheet, icon and fragment (`#id`) is checked against the built
//     files and the ids of the target page;
//   * full-page screenshots of a few pages go to docs/screenshots/;
//   * the counts go to content/accessibility-results.json, which the site build reads for its
//     accessibility statement.
//
// Usage: node check.js [SITE_DIR] [--html-errors N] [--base-url URL] [--repo DIR]
//                      [--results FILE] [--screenshots DIR] [--chromium PATH]
//                      [--screenshot-pages NAME=FOLDER,…] [--search LANG=WORDS,…] [--generic]
// --generic leaves out the checks that search the shipped content's words (another city's site).
// Exit status: 0 when there is no violation, broken link, overflowing page, page error or
// request to another host; 1 otherwise; 2 when the check itself could not run.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const { chromium } = require('playwright-core');
const { resolveUrlPath, startServer } = require('./server');

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// Rules whose outcome depends on the colour scheme, run again with prefers-color-scheme: dark.
const DARK_RULES = ['color-contrast', 'link-in-text-block'];
// Words typed into a search page, per language, to check it with results shown.
const SEARCH_QUERIES = { ja: '世田谷', en: 'Setagaya' };
const IMPACTS = ['unknown', 'minor', 'moderate', 'serious', 'critical'];
const AXE_RULES_LABEL = 'WCAG 2.0/2.1 A and AA';
const VALIDATOR_LABEL = 'Nu Html Checker (vnu)';
const SCREENSHOT_WIDTHS = [360, 1280];
const SCREENSHOT_PAGES = [
  ['home', ''],
  ['goal-1', 'goals/1/'],
  ['policy-1-1', 'policies/1-1/'],
  ['changes', 'changes/'],
];
const LANGS = ['ja', 'en'];
// The tallest a policy page may be at NARROW px with its actions collapsed (issue 9).
const MAX_POLICY_HEIGHT = 8000;
// The smallest a chart's text may render at NARROW px (issue 10).
const MIN_CHART_TEXT = 12;
// Searches that must forgive the way words are written: each pair finds the same results, and
// the first finds at least one result whose title contains `title`.
const FOLDING = [
  { lang: 'en', queries: ['startup', 'start-up'], title: 'Start-up' },
  { lang: 'ja', queries: ['セタガヤ', 'せたがや'], title: 'せたがや' },
  { lang: 'en', queries: ['Setagaya-Pay', 'SetagayaPay'], title: 'Setagaya Pay' },
];
// Examples of search's folding, hash and posting encoding, which Rust's tests check too.
const SEARCH_EXAMPLES = path.join('tests', 'fixtures', 'search-folding.json');
const NARROW = 360;
const WIDE = 1280;
const HEIGHT = 800;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const repo = path.resolve(__dirname, '..', '..');
  const opts = {
    site: null,
    repo,
    htmlErrors: null,
    baseUrl: null,
    results: null,
    screenshots: null,
    screenshotPages: SCREENSHOT_PAGES,
    generic: false,
    searchQueries: SEARCH_QUERIES,
    chromium: process.env.CHROMIUM || '/usr/bin/chromium',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--html-errors') {
      const v = value();
      if (!/^\d+$/.test(v)) usage(`--html-errors takes a number, not ${v}`);
      opts.htmlErrors = Number(v);
    } else if (a === '--base-url') opts.baseUrl = value();
    else if (a === '--repo') opts.repo = path.resolve(value());
    else if (a === '--results') opts.results = path.resolve(value());
    else if (a === '--screenshots') opts.screenshots = path.resolve(value());
    else if (a === '--chromium') opts.chromium = value();
    else if (a === '--generic') opts.generic = true;
    else if (a === '--search') {
      // LANG=WORDS,… such as ja=中野,en=Nakano: what to type into each language's search page.
      opts.searchQueries = Object.fromEntries(value().split(',').map((pair) => pair.split('=')));
    }
    else if (a === '--screenshot-pages') {
      // NAME=FOLDER,… such as home=,goal-1=goals/1/
      opts.screenshotPages = value().split(',').map((pair) => {
        const at = pair.indexOf('=');
        if (at < 1) usage(`--screenshot-pages takes NAME=FOLDER pairs, not ${pair}`);
        return [pair.slice(0, at), pair.slice(at + 1)];
      });
    }
    else if (a === '-h' || a === '--help') usage(null);
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (opts.site === null) opts.site = path.resolve(a);
    else usage(`unexpected argument ${a}`);
  }
  opts.site = opts.site || path.join(opts.repo, 'output');
  opts.results = opts.results || path.join(opts.repo, 'content', 'accessibility-results.json');
  opts.screenshots = opts.screenshots || path.join(opts.repo, 'docs', 'screenshots');
  if (opts.baseUrl && !opts.baseUrl.endsWith('/')) opts.baseUrl += '/';
  return opts;
}

function usage(message) {
  const text =
    'usage: node check.js [SITE_DIR] [--html-errors N] [--base-url URL] [--repo DIR]\n' +
    '                     [--results FILE] [--screenshots DIR] [--chromium PATH]\n' +
    '                     [--screenshot-pages NAME=FOLDER,…] [--search LANG=WORDS,…] [--generic]\n';
  if (message) {
    process.stderr.write(`check.js: ${message}\n${text}`);
    process.exit(2);
  }
  process.stdout.write(text);
  process.exit(0);
}

// ---------------------------------------------------------------- files

function walk(dir, rel = '') {
  const out = [];
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(dir, r));
    else if (entry.isFile()) out.push(r);
  }
  return out;
}

// ---------------------------------------------------------------- server

// ---------------------------------------------------------------- in the page

// Runs in the page: every link-like reference and every id of the document.
// In the page: the examples search.js does not fold, split, hash or decode as they say.
function searchExamplesInPage(examples) {
  const s = window.mierukaSearch;
  if (!s) return ['search.js does not offer window.mierukaSearch'];
  const wrong = [];
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const check = (name, f, pairs) => {
    for (const [input, expected] of pairs) {
      const got = f(input);
      if (!same(got, expected)) wrong.push(`${name}(${JSON.stringify(input)}) is ${JSON.stringify(got)}, not ${JSON.stringify(expected)}`);
    }
  };
  check('fold', s.fold, examples.fold);
  check('terms', s.terms, examples.terms);
  check('keys', s.keys, examples.keys);
  check('hash', s.hash, examples.hash);
  check('decode', s.decode, examples.postings.map(([list, text]) => [text, list]));
  return wrong;
}

function collectInPage() {
  const refs = [];
  const add = (el, attr, kind) => {
    const raw = el.getAttribute(attr);
    if (raw === null) return;
    refs.push({ kind, raw, url: el[attr === 'src' ? 'src' : 'href'] || raw });
  };
  document.querySelectorAll('a[href], area[href]').forEach((el) => add(el, 'href', el.localName));
  document.querySelectorAll('link[href]').forEach((el) =>
    add(el, 'href', `link[rel=${el.getAttribute('rel') || ''}]`),
  );
  document.querySelectorAll('img[src], script[src], iframe[src], source[src]').forEach((el) =>
    add(el, 'src', el.localName),
  );
  // SVG <a href> / <use href> resolve against the document too.
  document.querySelectorAll('svg a[href], svg use[href]').forEach((el) => {
    const raw = el.getAttribute('href');
    refs.push({ kind: `svg ${el.localName}`, raw, url: new URL(raw, document.baseURI).href });
  });
  const refresh = document.querySelector('meta[http-equiv="refresh" i]');
  if (refresh) {
    const m = /url\s*=\s*['"]?([^'"]+)/i.exec(refresh.getAttribute('content') || '');
    if (m) refs.push({ kind: 'meta refresh', raw: m[1], url: new URL(m[1], document.baseURI).href });
  }
  const ids = [];
  document.querySelectorAll('[id]').forEach((el) => ids.push(el.id));
  document.querySelectorAll('a[name]').forEach((el) => ids.push(el.getAttribute('name')));
  const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
  return { refs, ids, duplicates };
}

// Runs in the page: the smallest rendered size, in CSS px, of any text in a chart (with every
// collapsed block opened, and closed again), or null on a page without charts.
function smallestChartTextInPage() {
  const closed = [...document.querySelectorAll('details:not([open])')];
  closed.forEach((d) => { d.open = true; });
  let smallest = null;
  for (const svg of document.querySelectorAll('svg[role="img"]')) {
    const box = svg.getBoundingClientRect();
    const units = svg.viewBox.baseVal && svg.viewBox.baseVal.width;
    if (!units || !box.width) continue;
    for (const text of svg.querySelectorAll('text')) {
      const size = (parseFloat(getComputedStyle(text).fontSize) * box.width) / units;
      if (smallest === null || size < smallest) smallest = size;
    }
  }
  closed.forEach((d) => { d.open = false; });
  return smallest === null ? null : Math.round(smallest * 10) / 10;
}

// Runs in the page: does the page scroll sideways, and which elements stick out?
function overflowInPage() {
  const doc = document.documentElement;
  const width = doc.clientWidth;
  if (doc.scrollWidth <= width) return null;
  const culprits = [];
  const describe = (el) => {
    let s = el.localName;
    if (el.id) s += `#${el.id}`;
    if (el.classList.length) s += `.${[...el.classList].join('.')}`;
    return s;
  };
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 1) {
      // Report the outermost element only: skip those whose parent already sticks out.
      const p = el.parentElement;
      if (p && p.getBoundingClientRect().right > width + 1) continue;
      culprits.push(`${describe(el)} (right edge ${Math.round(r.right)} px)`);
      if (culprits.length >= 5) break;
    }
  }
  return { scrollWidth: doc.scrollWidth, width, culprits };
}

// Runs in the page: axe-core with the given rules, violations only.
async function runAxe(runOnly) {
  /* global axe */
  const r = await axe.run(document, { runOnly, resultTypes: ['violations'] });
  return {
    version: axe.version,
    violations: r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
    })),
  };
}

// ---------------------------------------------------------------- main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(opts.site, 'index.html')) && !fs.existsSync(opts.site)) {
    usage(`no site at ${opts.site}: build it first`);
  }
  if (!fs.existsSync(opts.chromium)) usage(`no Chromium at ${opts.chromium}`);

  const files = walk(opts.site).sort();
  const fileSet = new Set(files);
  const pages = files.filter((f) => f.endsWith('.html'));
  if (pages.length === 0) usage(`no HTML pages under ${opts.site}`);

  const server = await startServer(opts.site);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mieruka-chromium-'));
  let context;
  const problems = { axe: [], links: [], overflow: [], pageErrors: [], remote: [], duplicates: [], tall: [], search: [], anchors: [], chartText: [] };
  let tallest = { page: null, height: 0 };
  let smallestChartText = { page: null, size: Infinity };
  const byRule = new Map();
  let axeVersion = null;
  let browserVersion = null;
  let linksChecked = 0;
  let searchExamples = 0;
  let moreChecked = 0;
  const started = Date.now();

  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: opts.chromium,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: WIDE, height: HEIGHT },
      locale: 'ja-JP',
      colorScheme: 'light',
      reducedMotion: 'reduce',
      serviceWorkers: 'block',
      acceptDownloads: false,
    });
    context.setDefaultTimeout(120000);
    context.setDefaultNavigationTimeout(60000);
    const page = context.pages()[0] || (await context.newPage());

    const cdp = await context.newCDPSession(page);
    const version = await cdp.send('Browser.getVersion');
    const major = /\/(\d+)\./.exec(version.product);
    browserVersion = `Chromium ${major ? major[1] : version.product}`;
    await cdp.detach();

    // Only this server may be reached; the one navigation allowed is the one asked for, so
    // that a redirect page (meta refresh) is checked itself and not the page it leads to.
    let expected = null;
    let currentPage = null;
    await context.route('**/*', (route) => {
      const request = route.request();
      const url = request.url();
      if (!url.startsWith(`${origin}/`)) {
        if (!url.startsWith('data:') && !url.startsWith('blob:')) {
          problems.remote.push({ page: currentPage, url });
        }
        return route.abort('blockedbyclient');
      }
      if (request.isNavigationRequest() && request.frame() === page.mainFrame() && url !== expected) {
        return route.abort('aborted');
      }
      return route.continue();
    });
    page.on('pageerror', (error) => problems.pageErrors.push({ page: currentPage, message: String(error) }));

    // axe-core on the page as it is: the whole rule set in the light colour scheme, the colour
    // rules again in the dark one.
    async function checkAxe(label) {
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        const runOnly = scheme === 'light' ? { type: 'tag', values: AXE_TAGS } : { type: 'rule', values: DARK_RULES };
        const result = await page.evaluate(runAxe, runOnly);
        axeVersion = result.version;
        for (const v of result.violations) {
          const entry = byRule.get(v.id) || { id: v.id, impact: v.impact || 'unknown', count: 0 };
          // A rule's impact can differ from page to page: keep the highest.
          if (IMPACTS.indexOf(v.impact) > IMPACTS.indexOf(entry.impact)) entry.impact = v.impact;
          entry.count += v.nodes.length;
          byRule.set(v.id, entry);
          problems.axe.push({ page: label, scheme, ...v });
        }
      }
      await page.emulateMedia({ colorScheme: 'light' });
    }

    const pageData = new Map(); // rel file -> { ids:Set, refs }

    for (const rel of pages) {
      currentPage = rel;
      const urlPath = rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel;
      expected = `${origin}/${urlPath}`;
      await page.setViewportSize({ width: WIDE, height: HEIGHT });
      const response = await page.goto(expected, { waitUntil: 'load' });
      if (!response || response.status() !== 200) {
        problems.pageErrors.push({ page: rel, message: `HTTP ${response ? response.status() : 'no response'}` });
        continue;
      }
      await page.addScriptTag({ content: axeSource });
      await checkAxe(rel);

      const collected = await page.evaluate(collectInPage);
      pageData.set(rel, { ids: new Set(collected.ids), refs: collected.refs });
      for (const id of [...new Set(collected.duplicates)].sort()) {
        problems.duplicates.push({ page: rel, id });
      }

      // A search page is checked again showing results, with the links they make.
      const searchField = await page.$('form[role="search"] input[type="search"]');
      if (searchField) {
        const lang = (await page.getAttribute('html', 'lang')) || 'ja';
        const query = opts.searchQueries[lang] || opts.searchQueries.ja;
        await searchField.fill(query);
        await searchField.press('Enter');
        const shown = await page
          .waitForFunction(() => document.querySelectorAll('main li a[href]').length > 0, null, { timeout: 15000 })
          .then(() => true, () => false);
        if (!shown) {
          problems.pageErrors.push({ page: rel, message: `searching for "${query}" shows no result` });
        } else {
          await checkAxe(`${rel} (search: ${query})`);
          const withResults = await page.evaluate(collectInPage);
          pageData.get(rel).refs.push(...withResults.refs);
          // "More results", pressed from the keyboard, shows more and moves the focus to them.
          if (await page.isVisible('#search-more')) {
            const before = await page.evaluate(() => document.querySelectorAll('#search-results > li').length);
            await page.focus('#search-more');
            await page.keyboard.press('Enter');
            const more = await page
              .waitForFunction((n) => document.querySelectorAll('#search-results > li').length > n &&
                document.activeElement && document.activeElement.closest('#search-results'), before, { timeout: 15000 })
              .then(() => true, () => false);
            moreChecked++;
            if (!more) problems.search.push(`${rel}: "More results" (Enter) shows no more results for "${query}", or the focus stays behind`);
          }
        }
        // search.js folds, splits, hashes and decodes as Rust does (once: it is one script).
        const examplesFile = path.join(opts.repo, SEARCH_EXAMPLES);
        if (searchExamples === 0 && fs.existsSync(examplesFile)) {
          const examples = JSON.parse(fs.readFileSync(examplesFile, 'utf8'));
          const wrong = await page.evaluate(searchExamplesInPage, examples);
          problems.search.push(...wrong.map((w) => `${rel}: ${w}`));
          searchExamples = ['fold', 'terms', 'keys', 'hash', 'postings'].reduce((n, k) => n + examples[k].length, 0);
        }
      }

      await page.setViewportSize({ width: NARROW, height: HEIGHT });
      const overflow = await page.evaluate(overflowInPage);
      if (overflow) problems.overflow.push({ page: rel, ...overflow });
      // Chart text at 360 px: every text of every chart (opened if collapsed) renders at
      // MIN_CHART_TEXT px or more.
      const smallest = await page.evaluate(smallestChartTextInPage);
      if (smallest !== null) {
        if (smallest < smallestChartText.size) smallestChartText = { page: rel, size: smallest };
        if (smallest < MIN_CHART_TEXT) problems.chartText.push({ page: rel, size: smallest });
      }
      if (/^(ja|en)\/policies\//.test(rel)) {
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        if (height > tallest.height) tallest = { page: rel, height };
        if (height > MAX_POLICY_HEIGHT) problems.tall.push({ page: rel, height });
      }
      if (process.stderr.isTTY) process.stderr.write(`\rchecked ${pageData.size}/${pages.length} pages`);
      else if (pageData.size % 25 === 0) process.stderr.write(`checked ${pageData.size}/${pages.length} pages\n`);
    }
    if (process.stderr.isTTY) process.stderr.write('\n');

    // Links: every reference of every page, against the files and the ids of its target.
    for (const rel of pages) {
      const data = pageData.get(rel);
      if (!data) continue;
      for (const ref of data.refs) {
        let target;
        let internal = false;
        let u;
        try {
          u = new URL(ref.url);
        } catch {
          problems.links.push({ page: rel, href: ref.raw, kind: ref.kind, reason: 'not a valid URL' });
          linksChecked++;
          continue;
        }
        if (`${u.protocol}//${u.host}` === origin) {
          internal = true;
          target = u.pathname;
        } else if (opts.baseUrl && u.href.startsWith(opts.baseUrl)) {
          // Absolute links to the published site (canonical, alternates): check them too.
          internal = true;
          target = `/${u.pathname.slice(new URL(opts.baseUrl).pathname.length)}`;
        }
        if (!internal) continue; // mailto:, tel:, other sites: not checked here
        linksChecked++;
        const found = resolveUrlPath(opts.site, target);
        if (!found || !fileSet.has(found.rel)) {
          problems.links.push({ page: rel, href: ref.raw, kind: ref.kind, reason: 'no such file' });
          continue;
        }
        const fragment = u.hash ? decodeURIComponent(u.hash.slice(1)) : '';
        if (fragment === '' || fragment === 'top') continue;
        const targetData = pageData.get(found.rel);
        if (!targetData) {
          problems.links.push({ page: rel, href: ref.raw, kind: ref.kind, reason: 'fragment into a file that is not a page' });
        } else if (!targetData.ids.has(fragment)) {
          problems.links.push({ page: rel, href: ref.raw, kind: ref.kind, reason: `no id "${fragment}" in ${found.rel}` });
        }
      }
    }

    // Search folding: the ways of writing a word find the same results.
    await page.setViewportSize({ width: WIDE, height: HEIGHT });
    // A site other than the shipped content (--generic) has other words to search for.
    for (const { lang, queries, title } of opts.generic ? [] : FOLDING) {
      const found = [];
      for (const query of queries) {
        currentPage = `${lang}/search/index.html`;
        expected = `${origin}/${lang}/search/?q=${encodeURIComponent(query)}`;
        await page.goto(expected, { waitUntil: 'load' });
        await page.waitForFunction(() => document.getElementById('search-status').textContent !== '', null, { timeout: 15000 });
        found.push(await page.evaluate(() => [...document.querySelectorAll('#search-results > li > a')].map((a) => a.textContent)));
      }
      const [first, ...others] = found;
      if (!first.some((t) => t.includes(title))) {
        problems.search.push(`"${queries[0]}" (${lang}) finds nothing titled "${title}"`);
      }
      for (const [i, other] of others.entries()) {
        if (other.join('\n') !== first.join('\n')) {
          problems.search.push(`"${queries[i + 1]}" (${lang}) finds ${other.length} results, "${queries[0]}" ${first.length}`);
        }
      }
    }

    // What is behind is one tap away: the first link of a policy page's list of what is behind
    // lands on an indicator inside a collapsed action, which must open and show it.
    for (const lang of LANGS) {
      const rel = `${lang}/policies/1-1/index.html`;
      if (!fileSet.has(rel)) continue;
      currentPage = rel;
      expected = `${origin}/${lang}/policies/1-1/`;
      await page.goto(expected, { waitUntil: 'load' });
      const href = await page.evaluate(() => {
        const a = document.querySelector('.answer .behind a');
        return a ? a.href : null;
      });
      if (!href) continue;
      expected = href;
      await page.goto(href, { waitUntil: 'load' });
      const shown = await page.evaluate(() => {
        const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
        const details = target && target.closest('details');
        const box = target && target.getBoundingClientRect();
        return Boolean(details && details.open && box.height > 0 && box.top < window.innerHeight);
      });
      if (!shown) problems.anchors.push(href);
    }

    // Screenshots.
    fs.mkdirSync(opts.screenshots, { recursive: true });
    const shots = [];
    for (const lang of LANGS) {
      for (const [name, sub] of opts.screenshotPages) {
        const rel = `${lang}/${sub}index.html`;
        if (!fileSet.has(rel)) {
          problems.pageErrors.push({ page: rel, message: 'page for a screenshot is missing' });
          continue;
        }
        for (const width of SCREENSHOT_WIDTHS) {
          currentPage = rel;
          expected = `${origin}/${lang}/${sub}`;
          await page.setViewportSize({ width, height: HEIGHT });
          await page.goto(expected, { waitUntil: 'load' });
          const file = path.join(opts.screenshots, `${lang}-${name}-${width}.png`);
          // The top of each page, at most 2,400 px: enough to judge the layout, small enough to commit.
          const height = Math.min(2400, await page.evaluate(() => document.documentElement.scrollHeight));
          await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width, height }, animations: 'disabled' });
          shots.push(path.relative(opts.repo, file));
        }
      }
    }

    // Results. The site build reads this file, so every field is always filled: without
    // --html-errors the validator's count of the earlier run is kept, or nothing is written.
    let htmlErrors = opts.htmlErrors;
    if (htmlErrors === null) {
      try {
        const earlier = JSON.parse(fs.readFileSync(opts.results, 'utf8'));
        if (Number.isInteger(earlier.html && earlier.html.errors)) htmlErrors = earlier.html.errors;
      } catch {
        // no earlier results
      }
    }
    const violations = [...byRule.values()].reduce((n, r) => n + r.count, 0);
    const brokenLinks = problems.links.length;
    const results = {
      checked_at: new Date().toISOString().slice(0, 10),
      pages: pages.length,
      axe: {
        version: axeVersion,
        rules: AXE_RULES_LABEL,
        violations,
        by_rule: [...byRule.values()]
          .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
          .map((r) => ({ id: r.id, impact: r.impact, count: r.count })),
      },
      html: { validator: VALIDATOR_LABEL, errors: htmlErrors },
      links: { checked: linksChecked, broken: brokenLinks },
      browser: browserVersion,
    };
    if (htmlErrors === null) {
      console.log(`results: not written: no --html-errors given and no earlier count in ${opts.results}`);
    } else {
      fs.mkdirSync(path.dirname(opts.results), { recursive: true });
      fs.writeFileSync(opts.results, `${JSON.stringify(results, null, 2)}\n`);
      console.log(`results: ${path.relative(opts.repo, opts.results)}${opts.htmlErrors === null ? ' (html.errors kept from the earlier run)' : ''}`);
    }

    // Report.
    const sortBy = (list, key) => list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    for (const v of sortBy(problems.axe, (v) => `${v.id}\0${v.page}\0${v.scheme}`)) {
      const scheme = v.scheme === 'light' ? '' : ` (${v.scheme} colour scheme)`;
      console.log(`axe: ${v.id} (${v.impact}) on ${v.page}${scheme}: ${v.help}`);
      for (const n of v.nodes) console.log(`    ${n.target.join(' ')}`);
    }
    for (const l of sortBy(problems.links, (l) => `${l.page}\0${l.href}`)) {
      console.log(`broken link: ${l.page}: ${l.kind} "${l.href}": ${l.reason}`);
    }
    for (const d of problems.duplicates) console.log(`duplicate id: ${d.page}: "${d.id}"`);
    for (const o of problems.overflow) {
      console.log(`scrolls sideways at ${NARROW} px: ${o.page} (${o.scrollWidth} px wide): ${o.culprits.join(', ')}`);
    }
    for (const e of problems.pageErrors) console.log(`page error: ${e.page}: ${e.message}`);
    for (const t of problems.tall) console.log(`taller than ${MAX_POLICY_HEIGHT} px at ${NARROW} px: ${t.page} (${t.height} px)`);
    for (const m of problems.search) console.log(`search folding: ${m}`);
    for (const a of problems.anchors) console.log(`link into a collapsed action does not open it: ${a}`);
    for (const r of sortBy(problems.remote, (r) => `${r.page}\0${r.url}`)) {
      console.log(`request to another host: ${r.page}: ${r.url}`);
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log('');
    console.log(`browser: ${browserVersion}, axe-core ${axeVersion}, ${seconds} s`);
    console.log(`axe: ${pages.length} pages, ${violations} violations${violations ? ` (${results.axe.by_rule.map((r) => `${r.id} ${r.count}`).join(', ')})` : ''}`);
    console.log(`links: ${linksChecked} checked, ${brokenLinks} broken`);
    console.log(`ids: ${problems.duplicates.length} duplicated`);
    console.log(`narrow screens: ${problems.overflow.length} pages scroll sideways at ${NARROW} px`);
    for (const c of problems.chartText) console.log(`chart text under ${MIN_CHART_TEXT} px at ${NARROW} px: ${c.page} (${c.size} px)`);
    console.log(
      smallestChartText.page === null
        ? 'chart text: no charts'
        : `chart text: smallest at ${NARROW} px is ${smallestChartText.size} px on ${smallestChartText.page} (limit ${MIN_CHART_TEXT}), ${problems.chartText.length} pages under`,
    );
    console.log(`page height: tallest policy page at ${NARROW} px is ${tallest.page} at ${tallest.height} px (limit ${MAX_POLICY_HEIGHT}), ${problems.tall.length} over`);
    console.log(
      `search folding: ${opts.generic ? 0 : FOLDING.length} pairs checked, ${searchExamples} examples as in Rust, ` +
        `"More results" on ${moreChecked} pages, ${problems.search.length} problems`,
    );
    console.log(`collapsed actions: ${problems.anchors.length} links into them that do not open them`);
    console.log(`page errors: ${problems.pageErrors.length}, requests to other hosts: ${problems.remote.length}`);
    console.log(`screenshots: ${shots.length} in ${path.relative(opts.repo, opts.screenshots) || '.'}`);

    const failed =
      violations + brokenLinks + problems.duplicates.length + problems.overflow.length + problems.chartText.length +
      problems.pageErrors.length + problems.remote.length + problems.tall.length + problems.search.length + problems.anchors.length;
    process.exitCode = failed ? 1 : 0;
  } finally {
    if (context) await context.close().catch(() => {});
    server.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`check.js: ${error && error.stack ? error.stack : error}`);
  process.exit(2);
});
