/**
 * The compact team scorecard (`compact-v1`) serialised from per-row
 * fragments: the same bytes as `JSON.stringify(compactTeamScorecard(body))`,
 * without building the compact objects and re-serialising them.
 *
 * A compact row is mostly the row's own values; only the indexes into the
 * response's `strings` and `links` depend on the other rows. So each row's
 * JSON is kept as fragments around those indexes, once per row object (rows
 * served by the store's row cache are shared and unchanged between builds),
 * and a build only looks up the indexes and concatenates strings. The
 * equality with `compactTeamScorecard` is tested
 * (`compactScorecardJson.test.ts`), including the order of the keys and of
 * the strings.
 */
import {
  COMPACT_LEVELS,
  COMPACT_SCORECARD_FORMAT,
  type CheckStatus,
  DIMENSIONS,
  type ScorecardRow,
  StringDictionary,
  type TeamScorecardResponse,
} from '@scale-readiness/plugin-scale-readiness-common';

/** As `compact.ts` writes `dw`. */
const STATUS_LETTERS: Record<CheckStatus, string> = {
  pass: 'p',
  warn: 'w',
  fail: 'f',
  unknown: 'u',
  'not-applicable': 'n',
};

/** One row's JSON around the indexes that depend on the other rows. */
interface RowFragments {
  /** `{"r":…,"k":` */
  head: string;
  kind: string;
  /** `,"l":…,"c":…,"d":…,"dw":…,"e":` */
  middle: string;
  evaluatedAt: string;
  /** `,"t":…` or nothing. */
  title: string;
  type?: string;
  system?: string;
  owner?: string;
  /** `,"sc":…,"oh":…,"ch":…` (those present). */
  scores: string;
  link?: { ref: string; checkId: string; rest: string };
  /** `,"g":…` or nothing. */
  growth: string;
  failing: string[];
}

/** `,"name":value` as JSON.stringify writes a property; nothing when undefined. */
function prop(name: string, value: unknown): string {
  const json = JSON.stringify(value);
  return json === undefined ? '' : `,"${name}":${json}`;
}

function fragmentsOf(row: ScorecardRow): RowFragments {
  const d = DIMENSIONS.map(dim => row.dimensions[dim]?.score ?? null);
  const dw = DIMENSIONS.map(dim => {
    const worst = row.dimensions[dim]?.worst;
    return worst ? STATUS_LETTERS[worst] : '-';
  }).join('');
  const link = row.weakestLink;
  return {
    // `prop` leaves `r` out when undefined, as JSON.stringify does.
    head: `{${prop('r', row.entityRef).slice(1)}${
      row.entityRef === undefined ? '' : ','
    }"k":`,
    kind: row.kind,
    middle: `${prop('l', Math.max(0, COMPACT_LEVELS.indexOf(row.level)))}${prop(
      'c',
      Math.round(row.coverage * 10_000) / 10_000,
    )}${prop('d', d)}${prop('dw', dw)},"e":`,
    evaluatedAt: row.evaluatedAt,
    title: row.title !== undefined ? prop('t', row.title) : '',
    type: row.type,
    system: row.system,
    owner: row.owner,
    scores: `${row.score !== null ? prop('sc', row.score) : ''}${
      row.ownHeadroom !== null ? prop('oh', row.ownHeadroom) : ''
    }${row.chainHeadroom !== null ? prop('ch', row.chainHeadroom) : ''}`,
    link: link
      ? {
          ref: JSON.stringify(link.entityRef) ?? 'null',
          checkId: link.checkId,
          rest: `,${JSON.stringify(link.headroom) ?? 'null'},${
            JSON.stringify(link.message) ?? 'null'
          }]`,
        }
      : undefined,
    growth: row.growthFactor !== undefined ? prop('g', row.growthFactor) : '',
    failing: row.failing,
  };
}

/** Fragments by row object; rows are never changed once read. */
const cache = new WeakMap<ScorecardRow, RowFragments>();

/**
 * `JSON.stringify(compactTeamScorecard(scorecard))`, from per-row fragments
 * kept for each row object. Rows passed here must not be changed afterwards.
 */
export function compactScorecardJson(scorecard: TeamScorecardResponse): string {
  const strings = new StringDictionary();
  const links: string[] = [];
  const linkIndex = new Map<string, number>();
  const parts: string[] = [];
  for (const row of scorecard.components) {
    let f = cache.get(row);
    if (!f) {
      f = fragmentsOf(row);
      cache.set(row, f);
    }
    // The order of the `strings.of` calls is compactTeamScorecard's.
    const k = strings.of(f.kind);
    let tail = f.title;
    if (f.type !== undefined) tail += `,"y":${strings.of(f.type)}`;
    if (f.system !== undefined) tail += `,"sy":${strings.of(f.system)}`;
    if (f.owner !== undefined) tail += `,"o":${strings.of(f.owner)}`;
    tail += f.scores;
    if (f.link) {
      const link = `[${f.link.ref},${strings.of(f.link.checkId)}${f.link.rest}`;
      let i = linkIndex.get(link);
      if (i === undefined) {
        i = links.length;
        links.push(link);
        linkIndex.set(link, i);
      }
      tail += `,"w":${i}`;
    }
    tail += f.growth;
    if (f.failing.length > 0) {
      tail += `,"f":[${f.failing.map(id => strings.of(id)).join(',')}]`;
    }
    const e = strings.of(f.evaluatedAt);
    parts.push(`${f.head}${k}${f.middle}${e}${tail}}`);
  }
  const { components: _rows, ...rest } = scorecard;
  const head = JSON.stringify({ ...rest, format: COMPACT_SCORECARD_FORMAT });
  return `${head.slice(0, -1)},"strings":${JSON.stringify(
    strings.values,
  )},"links":[${links.join(',')}],"components":[${parts.join(',')}]}`;
}
