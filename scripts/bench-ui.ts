/**
 * Benchmark of the team scorecard page with a large team, in headless Chromium
 * against the running dev portal (`./scripts/start`). The scale-readiness team
 * request is answered by Playwright's `page.route` with a generated team of N
 * components (real JSON through the browser's network stack); everything else
 * (app bundle, catalog, auth) is the real portal. Measures, in the page:
 *   first row    team response received → first table row painted
 *                (responseToFirstRow; gotoToFirstRow from navigation start)
 *   sort         click on a column header → re-sorted first row painted
 *   filter       one change of the search box → filtered table painted
 *   keyLatency   typing a 6-letter query key by key: key → next frame (input)
 *   lastKeyToTable last key of the query → the table shows its result
 *   page         next table page painted
 * and the longest main-thread task seen during each step (a "freeze").
 * Run through `scripts/bench-ui [components] [runs]` (default 2000, 5).
 */
import { chromium, type Page } from 'playwright';
import type {
  CheckStatus,
  Dimension,
  ReadinessLevel,
  ScorecardRow,
  TeamScorecardResponse,
} from '../plugins/scale-readiness-common/src';
import {
  EMPTY_FILTERS,
  filterRows,
} from '../plugins/scale-readiness/src/components/TeamScorecard/filterRows';

const BASE_URL = process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TEAM = 'bench-team';
/** Target from the issue: the page is usable within this many ms. */
const TARGET_MS = 1500;

/** mulberry32: seeded PRNG so every run builds the same team. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DIMENSIONS: Dimension[] = ['autoscaling', 'quotas', 'docs', 'ownership'];
const LEVELS: ReadinessLevel[] = ['not-ready', 'bronze', 'silver', 'gold'];
const STATUSES: CheckStatus[] = [
  'pass',
  'pass',
  'pass',
  'warn',
  'fail',
  'unknown',
  'not-applicable',
];
const WORDS = [
  'orders',
  'cart',
  'search',
  'ledger',
  'payments',
  'catalog',
  'pricing',
  'media',
  'ratings',
  'tax',
  'events',
  'identity',
  'gateway',
  'inventory',
  'profile',
  'billing',
];

/** A generated team scorecard with `n` components in 25 systems. */
export function generateTeam(n: number): TeamScorecardResponse {
  const rand = prng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const components: ScorecardRow[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${pick(WORDS)}-${pick(WORDS)}-${String(i).padStart(4, '0')}`;
    const own =
      rand() < 0.15 ? null : Math.round((0.5 + rand() * 9.5) * 100) / 100;
    const chain =
      own === null
        ? null
        : Math.round(Math.min(own, 0.5 + rand() * 9.5) * 100) / 100;
    const dimensions = Object.fromEntries(
      DIMENSIONS.map(d => {
        const worst = rand() < 0.05 ? null : pick(STATUSES);
        return [
          d,
          { score: worst === null ? null : Math.round(rand() * 100), worst },
        ];
      }),
    ) as ScorecardRow['dimensions'];
    const failing = DIMENSIONS.filter(d => dimensions[d].worst === 'fail').map(
      d => `${d}.check`,
    );
    const weakest = `component:default/${pick(WORDS)}-db-${Math.floor(
      rand() * 50,
    )}`;
    components.push({
      entityRef: `component:default/${name}`,
      title: rand() < 0.5 ? name.replace(/-/g, ' ') : undefined,
      kind: 'Component',
      type: 'service',
      system: `system:default/system-${i % 25}`,
      owner: `group:default/${TEAM}-sub-${i % 8}`,
      level: pick(LEVELS),
      score: rand() < 0.05 ? null : Math.round(rand() * 1000) / 10,
      ownHeadroom: own,
      chainHeadroom: chain,
      weakestLink:
        chain === null
          ? undefined
          : {
              entityRef: weakest,
              checkId: 'quotas.headroom',
              headroom: chain,
              message: `limit / peak = ${chain}×`,
            },
      coverage: Math.round(rand() * 100) / 100,
      dimensions,
      failing,
      evaluatedAt: '2026-11-25T10:00:00.000Z',
    });
  }
  const levels = Object.fromEntries(
    LEVELS.map(l => [l, components.filter(c => c.level === l).length]),
  );
  const scored = components.filter(c => c.score !== null);
  return {
    team: {
      entityRef: `group:default/${TEAM}`,
      title: 'Bench team',
      children: [],
    },
    growthFactor: 3,
    champions: ['user:default/bench-champion'],
    groups: [
      `group:default/${TEAM}`,
      ...Array.from({ length: 8 }, (_, i) => `group:default/${TEAM}-sub-${i}`),
    ],
    rollup: {
      components: n,
      score:
        scored.reduce((s, c) => s + c.score!, 0) / Math.max(1, scored.length),
      levels: levels as TeamScorecardResponse['rollup']['levels'],
      dimensions: Object.fromEntries(
        DIMENSIONS.map(d => [
          d,
          {
            score: 70,
            failing: components.filter(c => c.dimensions[d].worst === 'fail')
              .length,
          },
        ]),
      ) as TeamScorecardResponse['rollup']['dimensions'],
      atRisk: components.filter(
        c => c.chainHeadroom !== null && c.chainHeadroom < 3,
      ).length,
      coverage: 0.9,
    },
    weakestLinks: [],
    components,
  };
}

/** Starts recording long main-thread tasks in the page (reset per step). */
async function installObservers(page: Page) {
  // The page clock time at which the first row of the components table is
  // painted (a mutation observer, then the next frame).
  // Functions run in the page must not use `?.` or `??`: this file is
  // transpiled by sucrase, which turns them into calls of a helper
  // (`_optionalChain`) that does not exist in the page.
  await page.addInitScript(() => {
    const w = window as unknown as { __firstRowAt?: number };
    const observer = new MutationObserver(() => {
      const table = [...document.querySelectorAll('table')].find(
        t =>
          t.querySelector('th') !== null &&
          (t.textContent || '').includes('Weakest link'),
      );
      if (table && table.querySelector('tbody tr td a')) {
        observer.disconnect();
        requestAnimationFrame(() => {
          w.__firstRowAt = performance.now();
        });
      }
    });
    document.addEventListener('DOMContentLoaded', () =>
      observer.observe(document.body, { childList: true, subtree: true }),
    );
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __longest: number };
    w.__longest = 0;
    try {
      new PerformanceObserver(list => {
        for (const e of list.getEntries())
          w.__longest = Math.max(w.__longest, e.duration);
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // longtask not supported: longest stays 0
    }
  });
}

const longest = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __longest: number };
    const v = w.__longest;
    w.__longest = 0;
    return Math.round(v);
  });

/** Text of the first body cell of the components table. */
const FIRST_CELL_JS = `(() => {
  const table = [...document.querySelectorAll('table')].find(t => t.textContent.includes('Weakest link'));
  const cell = table && table.querySelector('tbody tr td');
  return cell ? cell.textContent : null;
})()`;

/**
 * Runs `action` in the page and resolves with the ms until `changed()` is true
 * and the next frame is painted.
 */
async function timeInPage(
  page: Page,
  action: string,
  changed: string,
): Promise<number> {
  return page.evaluate(
    ([actionSrc, changedSrc]) =>
      new Promise<number>((resolve, reject) => {
        // eslint-disable-next-line no-new-func
        const act = new Function(actionSrc) as () => void;
        // eslint-disable-next-line no-new-func
        const done = new Function(`return (${changedSrc});`) as () => boolean;
        const t0 = performance.now();
        act();
        const deadline = t0 + 30_000;
        const poll = () => {
          if (done()) {
            requestAnimationFrame(() =>
              setTimeout(() => resolve(performance.now() - t0), 0),
            );
          } else if (performance.now() > deadline) {
            reject(new Error('timed out'));
          } else {
            requestAnimationFrame(poll);
          }
        };
        poll();
      }),
    [action, changed] as const,
  );
}

/** Sets the search box value the way React sees typing. */
const typeJs = (text: string) => `
  const input = document.querySelector('input[aria-label="Search components"]');
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  setter.call(input, ${JSON.stringify(text)});
  input.dispatchEvent(new Event('input', { bubbles: true }));`;

const titleJs = `(() => { const h = [...document.querySelectorAll('h2,h3,h4,h5,h6,div')].find(e => /^Components \\(\\d+ of \\d+\\)$/.test(e.textContent.trim()) && e.children.length === 0); return h ? h.textContent.trim() : ''; })()`;

/**
 * Removes the dev server's error overlays (a runtime error elsewhere in the
 * app, or a compile error while someone edits code), saying so.
 */
async function dismissDevOverlays(page: Page) {
  const removed = await page.evaluate(() => {
    const overlays = document.querySelectorAll(
      '#webpack-dev-server-client-overlay, #react-refresh-overlay',
    );
    overlays.forEach(o => o.remove());
    return overlays.length;
  });
  if (removed > 0) {
    console.log('note: dismissed the dev server error overlay');
  }
}

/**
 * Signs in as guest, retrying while the dev backend restarts (the guest
 * sign-in then fails and the dev server shows its error overlay).
 */
async function signIn(page: Page) {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(BASE_URL);
      const enter = page.getByRole('button', { name: 'Enter' });
      await enter.waitFor({ timeout: 60_000 });
      await dismissDevOverlays(page);
      await enter.click({ timeout: 30_000 });
      await page
        .getByRole('link', { name: 'Scale Readiness' })
        .first()
        .waitFor({ timeout: 30_000 });
      return;
    } catch (e) {
      if (attempt >= 10) {
        throw e;
      }
      console.log(
        `sign-in failed (backend restarting?), retrying: ${
          String(e).split('\n')[0]
        }`,
      );
      await page.waitForTimeout(5_000);
    }
  }
}

interface RunResult {
  responseToFirstRow: number;
  gotoToFirstRow: number;
  sort: number;
  sortBack: number;
  filter: number;
  keyLatency: number;
  lastKeyToTable: number;
  nextPage: number;
  longestTask: number;
}

async function run(
  page: Page,
  team: TeamScorecardResponse,
  body: string,
  n: number,
): Promise<RunResult> {
  await page.unroute('**/api/scale-readiness/teams/**');
  await page.route('**/api/scale-readiness/teams/**', route =>
    route.fulfill({ status: 200, contentType: 'application/json', body }),
  );
  await page.goto(`${BASE_URL}/scale-readiness/teams/default/${TEAM}`);
  const firstRow = page
    .locator('table')
    .filter({ hasText: 'Weakest link' })
    .locator('tbody tr')
    .first();
  const enter = page.getByRole('button', { name: 'Enter' });
  await firstRow
    .or(enter)
    .first()
    .waitFor({ state: 'visible', timeout: 120_000 });
  if (await enter.isVisible()) {
    // The dev backend restarted and the guest session has to be refreshed.
    await dismissDevOverlays(page);
    await enter.click();
  }
  await firstRow.waitFor({ state: 'visible', timeout: 120_000 });
  await dismissDevOverlays(page);
  // Both times on the page clock (0 = navigation start).
  const { responseEnd, firstRowAt } = await page.evaluate(async () => {
    const w = window as unknown as { __firstRowAt?: number };
    while (w.__firstRowAt === undefined) {
      await new Promise(r => requestAnimationFrame(r));
    }
    const entry = performance
      .getEntriesByType('resource')
      .filter(e => e.name.includes('/api/scale-readiness/teams/'))
      .pop() as PerformanceResourceTiming;
    return { responseEnd: entry.responseEnd, firstRowAt: w.__firstRowAt };
  });
  await page.getByText(`Components (${n} of ${n})`).waitFor();
  await page.waitForTimeout(500); // let lazy work (catalog lookups of visible rows) settle
  const tasks: number[] = [await longest(page)];

  const clickScore = `[...document.querySelectorAll('th')].find(th => th.textContent.trim() === 'Score').querySelector('[role=button]').click();`;
  const before = await page.evaluate(FIRST_CELL_JS);
  const sort = await timeInPage(
    page,
    clickScore,
    `${FIRST_CELL_JS} !== ${JSON.stringify(before)}`,
  );
  tasks.push(await longest(page));
  const sorted = await page.evaluate(FIRST_CELL_JS);
  const sortBack = await timeInPage(
    page,
    clickScore,
    `${FIRST_CELL_JS} !== ${JSON.stringify(sorted)}`,
  );
  tasks.push(await longest(page));

  // The counts the table must reach, from the plugin's own filter function.
  const expected = (text: string) =>
    `Components (${
      filterRows(team.components, { ...EMPTY_FILTERS, text }).length
    } of ${n})`;
  const all = `Components (${n} of ${n})`;

  const filter = await timeInPage(
    page,
    typeJs('orders'),
    `${titleJs} === ${JSON.stringify(expected('orders'))}`,
  );
  tasks.push(await longest(page));
  await timeInPage(page, typeJs(''), `${titleJs} === ${JSON.stringify(all)}`);

  // Key by key: the input must follow every key at once (keyLatency: key to
  // next painted frame, averaged over the first keys), and the table must
  // show the result of the whole query after the last key (lastKeyToTable).
  const query = 'ledger';
  let keyLatency = 0;
  for (let i = 1; i < query.length; i++) {
    keyLatency += await timeInPage(page, typeJs(query.slice(0, i)), 'true');
  }
  const lastKeyToTable = await timeInPage(
    page,
    typeJs(query),
    `${titleJs} === ${JSON.stringify(expected(query))}`,
  );
  tasks.push(await longest(page));
  await timeInPage(page, typeJs(''), `${titleJs} === ${JSON.stringify(all)}`);

  const firstBefore = await page.evaluate(FIRST_CELL_JS);
  const nextPage = await timeInPage(
    page,
    `document.querySelector('button[aria-label="Next page" i]:not([disabled])').click();`,
    `${FIRST_CELL_JS} !== ${JSON.stringify(firstBefore)}`,
  );
  tasks.push(await longest(page));
  return {
    responseToFirstRow: firstRowAt - responseEnd,
    gotoToFirstRow: firstRowAt,
    sort,
    sortBack,
    filter,
    keyLatency: keyLatency / (query.length - 1),
    lastKeyToTable,
    nextPage,
    longestTask: Math.max(...tasks),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

async function main() {
  const n = Number(process.argv[2] ?? 2000);
  const runs = Number(process.argv[3] ?? 5);
  const team = generateTeam(n);
  const body = JSON.stringify(team);
  console.log(
    `team of ${n} components, response ${(body.length / 1024).toFixed(
      0,
    )} KiB, ${runs} runs`,
  );
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
    });
    await installObservers(page);
    await signIn(page);
    const results: RunResult[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const r = await run(page, team, body, n).catch(async e => {
        const shot = 'e2e/screenshots/bench-ui-failure.png';
        await page.screenshot({ path: shot }).catch(() => undefined);
        console.error(`run failed; the page at that moment: ${shot}`);
        throw e;
      });
      if (i === 0) {
        console.log(
          'warm-up run (dev bundle and chunks cached):',
          JSON.stringify(r),
        );
        continue;
      }
      results.push(r);
      console.log(
        `run ${i}:`,
        JSON.stringify(
          Object.fromEntries(
            Object.entries(r).map(([k, v]) => [k, Math.round(v)]),
          ),
        ),
      );
    }
    const keys = Object.keys(results[0]) as Array<keyof RunResult>;
    console.log('\nmedian over runs (ms):');
    for (const k of keys) {
      console.log(
        `  ${k.padEnd(20)} ${String(
          Math.round(median(results.map(r => r[k]))),
        ).padStart(6)}`,
      );
    }
    const usable = median(results.map(r => r.responseToFirstRow));
    console.log(
      `\nteam page usable ${Math.round(
        usable,
      )} ms after the response (target ${TARGET_MS} ms): ${
        usable <= TARGET_MS ? 'OK' : 'TOO SLOW'
      }`,
    );
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  main().catch(e => {
    console.error(e);
    process.exit(1);
  });
}
