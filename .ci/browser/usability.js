#!/usr/bin/env node
// The task-based check of docs/usability.md: everyday questions, each tried as a new reader
// would on a phone (360 px wide), by following links from the home page or typing into search.
// A question is answered when the page reached shows the expected answer within three pages.
//
// Usage: node usability.js [SITE_DIR] [--chromium PATH]
// Prints one line per question and language; exits 1 if any question is not answered as
// docs/usability.md records it.
'use strict';

const path = require('node:path');
const { chromium } = require('playwright-core');
const { startServer } = require('./server');

// Each task: the question, the links to follow by their text (or a search), and a text the
// last page must show. `expect: false` records a question the site cannot answer, and why.
const TASKS = [
  {
    id: 'shopping-streets',
    ja: { q: '商店街への支援はうまくいっている？', steps: ['link:目指す姿 1', 'link:区内商業の活性化と商店街'], answer: 'この方針の行動指標11件のうち' },
    en: { q: "Is the city's support for shopping streets working?", steps: ['link:Goal area 1', 'link:Revitalising local commerce'], answer: 'Of the 11 output indicators of this policy' },
  },
  {
    id: 'behind-goals',
    ja: { q: 'どの目指す姿が遅れている？', steps: [], answer: '遅れている行動指標がある目指す姿' },
    en: { q: 'Which goal areas are behind?', steps: [], answer: 'Goal areas with output indicators behind' },
  },
  {
    id: 'whole-plan',
    ja: { q: '計画全体では、目標を達成した指標はいくつ？', steps: [], answer: '計画全体の行動指標' },
    en: { q: 'How many of the plan’s indicators have reached their target?', steps: [], answer: 'of the whole plan' },
  },
  {
    id: 'source',
    ja: { q: 'この数字はどこから来ている？', steps: [], answer: '資料６ 参考６ アクションプラン' },
    en: { q: 'Where do these numbers come from?', steps: [], answer: 'Document 6, Reference 6: Action plan' },
  },
  {
    id: 'how-judged',
    ja: { q: '「遅れ」はどう判断している？', steps: ['link:評価の方法'], answer: '「遅れ」' },
    en: { q: 'How is "behind" decided?', steps: ['link:How progress is assessed'], answer: 'and behind otherwise' },
  },
  {
    id: 'agriculture-behind',
    ja: { q: '方針2-5（事業者が必要とする情報）で遅れているものは？', steps: ['link:目指す姿 2', 'link:2-5'], answer: '遅れている行動指標' },
    en: { q: 'What is behind in policy 2-5 (the information businesses need)?', steps: ['link:Goal area 2', 'link:2-5'], answer: 'Output indicators behind' },
  },
  {
    id: 'setagaya-pay',
    ja: { q: 'せたがやPayはどうなっている？', steps: ['search:せたがやPay'], answer: '達成 1' },
    en: { q: 'How is Setagaya Pay doing?', steps: ['search:Setagaya Pay'], answer: 'Achieved 1' },
  },
  {
    id: 'startup',
    ja: { q: '創業支援は進んでいる？', steps: ['search:創業'], answer: '遅れ 2' },
    en: { q: 'Is support for start-ups going well?', steps: ['search:startup'], answer: 'Behind 2' },
  },
  {
    id: 'data',
    ja: { q: '自分で分析するために数字をまとめて入手できる？', steps: ['link:データのダウンロード'], answer: 'relisted_from' },
    en: { q: 'Can I get all the numbers to analyse them myself?', steps: ['link:Download the data'], answer: 'relisted_from' },
  },
  {
    id: 'priority',
    ja: { q: '「重点プロジェクト」とは？', steps: ['link:評価の方法'], answer: '重点プロジェクト：' },
    en: { q: 'What is a "priority project"?', steps: ['link:How progress is assessed'], answer: 'Priority project:' },
  },
  {
    id: 'other-cities',
    ja: { q: 'なぜ他の自治体の計画が載っている？', steps: [], answer: '地域産業活性化計画の概要を、原典の記載どおりに' },
    en: { q: "Why are other municipalities' plans here?", steps: [], answer: 'shown as the source prints them' },
  },
  {
    id: 'contact-licence',
    ja: { q: '問い合わせ先は？データを再利用してよい？', steps: [], answer: '問い合わせ先', expect: false, why: '原典に問い合わせ先と利用条件の記載がないため、サイトは何も示しません（site.yaml の contact と licence を区が記入すれば表示されます）。' },
    en: { q: 'Whom can I ask, and may I reuse the data?', steps: [], answer: 'Contact', expect: false, why: 'The source states no contact point or licence, so the site says nothing (shown once the city fills in contact and licence in site.yaml).' },
  },
];

async function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf('--chromium');
  const executablePath = at >= 0 ? args.splice(at, 2)[1] : '/usr/bin/chromium';
  const site = path.resolve(args[0] || 'output');
  const server = await startServer(site);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
  let failed = 0;
  try {
    for (const task of TASKS) {
      for (const lang of ['ja', 'en']) {
        const { q, steps, answer, expect = true } = task[lang];
        await page.goto(`${origin}/${lang}/`);
        let pages = 1;
        for (const step of steps) {
          const [kind, text] = [step.slice(0, step.indexOf(':')), step.slice(step.indexOf(':') + 1)];
          if (kind === 'link') {
            await page.locator('main a, header a, footer a', { hasText: text }).first().click();
          } else {
            await page.goto(`${origin}/${lang}/search/?q=${encodeURIComponent(text)}`);
            await page.waitForFunction(() => document.getElementById('search-status').textContent !== '');
          }
          await page.waitForLoadState('load');
          pages += 1;
        }
        const shown = (await page.locator('body').innerText()).includes(answer);
        const ok = shown === expect && pages <= 3;
        if (!ok) failed += 1;
        const outcome = expect ? (shown ? `answered in ${pages} page${pages > 1 ? 's' : ''}` : 'NOT answered') : (shown ? 'unexpectedly shown' : 'not answered, as recorded');
        console.log(`${ok ? 'ok  ' : 'FAIL'} ${task.id} (${lang}): ${q} — ${outcome}`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`usability: ${TASKS.length * 2} questions, ${failed} not as recorded`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
