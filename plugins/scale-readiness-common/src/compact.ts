/**
 * Compact wire format of team scorecards (`GET /teams/:namespace/:name?format=compact`)
 * and the check catalogue (`GET /checks`). A compact scorecard carries each
 * component's own fields only, with the strings that repeat across components
 * (kinds, types, systems, owners, check ids, evaluation times) and the weakest
 * links listed once per response and referenced by index. Clients turn it back
 * into a {@link TeamScorecardResponse} with {@link expandTeamScorecard}.
 */
import type { ScorecardRow, TeamScorecardResponse } from './api';
import {
  type CheckStatus,
  type Dimension,
  DIMENSIONS,
  type ReadinessLevel,
  type Severity,
} from './results';

/** The value of `format` of a compact team scorecard. @public */
export const COMPACT_SCORECARD_FORMAT = 'compact-v1';

/** Readiness levels by their index in compact rows (`l`). @public */
export const COMPACT_LEVELS: readonly ReadinessLevel[] = [
  'not-ready',
  'bronze',
  'silver',
  'gold',
];

/**
 * Worst check status of a dimension by its letter in compact rows (`dw`);
 * `-` stands for no applicable check (null).
 */
const STATUS_LETTERS: Record<CheckStatus, string> = {
  pass: 'p',
  warn: 'w',
  fail: 'f',
  unknown: 'u',
  'not-applicable': 'n',
};
const STATUS_OF_LETTER = new Map<string, CheckStatus>(
  Object.entries(STATUS_LETTERS).map(([s, l]) => [l, s as CheckStatus]),
);

/**
 * One component of a compact team scorecard. Numbers in `k`, `y`, `sy`, `o`,
 * `e` and `f` index {@link CompactTeamScorecard.strings}; `w` indexes
 * {@link CompactTeamScorecard.links}. An absent headroom or score is null.
 * @public
 */
export interface CompactScorecardRow {
  /** Entity ref. */
  r: string;
  /** Title. */
  t?: string;
  /** Kind. */
  k: number;
  /** Type. */
  y?: number;
  /** System. */
  sy?: number;
  /** Owner. */
  o?: number;
  /** Level, index into {@link COMPACT_LEVELS}. */
  l: number;
  /** Score. */
  sc?: number;
  /** Own headroom. */
  oh?: number;
  /** Chain headroom. */
  ch?: number;
  /** Weakest link. */
  w?: number;
  /** Coverage 0–1, rounded to 4 decimals. */
  c: number;
  /** Scoped growth factor (absent when the global one applies). */
  g?: number;
  /** Dimension scores in the order of `DIMENSIONS` (null: none applicable). */
  d: Array<number | null>;
  /** Worst status per dimension in the order of `DIMENSIONS`, one letter each. */
  dw: string;
  /** Failing check ids. */
  f?: number[];
  /** Evaluation time (ISO). */
  e: number;
}

/** A weakest link of a compact scorecard: ref, check id (index into strings), headroom, message. @public */
export type CompactWeakestLink = [
  entityRef: string,
  checkId: number,
  headroom: number | null,
  message: string,
];

/** `GET /teams/:namespace/:name?format=compact` @public */
export interface CompactTeamScorecard
  extends Omit<TeamScorecardResponse, 'components'> {
  format: typeof COMPACT_SCORECARD_FORMAT;
  /** Strings shared by rows, referenced by index. */
  strings: string[];
  /** Weakest links of the rows, referenced by index (`w`). */
  links: CompactWeakestLink[];
  components: CompactScorecardRow[];
}

/** One check of the catalogue served by `GET /checks`. @public */
export interface CheckCatalogueEntry {
  id: string;
  dimension: Dimension;
  title: string;
  description: string;
  severity: Severity;
  /** Capacity checks report a headroom. */
  capacity?: boolean;
}

/** `GET /checks`: every check the server scores with. @public */
export interface CheckCatalogueResponse {
  checks: CheckCatalogueEntry[];
}

/** Whether a team scorecard body is in the compact format. @public */
export function isCompactTeamScorecard(
  body: CompactTeamScorecard | TeamScorecardResponse,
): body is CompactTeamScorecard {
  return (
    (body as Partial<CompactTeamScorecard>).format === COMPACT_SCORECARD_FORMAT
  );
}

/**
 * Strings of one compact response, indexed in the order of first use
 * (`of` returns a string's index, adding it when new). @public
 */
export class StringDictionary {
  readonly values: string[] = [];
  readonly #index = new Map<string, number>();
  of(value: string): number {
    let i = this.#index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.#index.set(value, i);
    }
    return i;
  }
}

/**
 * The compact form of a team scorecard (see {@link CompactTeamScorecard}).
 * Lossless except for coverage, rounded to 4 decimals.
 * @public
 */
export function compactTeamScorecard(
  scorecard: TeamScorecardResponse,
): CompactTeamScorecard {
  const strings = new StringDictionary();
  const links: CompactWeakestLink[] = [];
  const linkIndex = new Map<string, number>();
  const components = scorecard.components.map(row => {
    const out: CompactScorecardRow = {
      r: row.entityRef,
      k: 0,
      l: 0,
      c: 0,
      d: [],
      dw: '',
      e: 0,
    };
    if (row.title !== undefined) out.t = row.title;
    out.k = strings.of(row.kind);
    if (row.type !== undefined) out.y = strings.of(row.type);
    if (row.system !== undefined) out.sy = strings.of(row.system);
    if (row.owner !== undefined) out.o = strings.of(row.owner);
    out.l = Math.max(0, COMPACT_LEVELS.indexOf(row.level));
    if (row.score !== null) out.sc = row.score;
    if (row.ownHeadroom !== null) out.oh = row.ownHeadroom;
    if (row.chainHeadroom !== null) out.ch = row.chainHeadroom;
    if (row.weakestLink) {
      const link: CompactWeakestLink = [
        row.weakestLink.entityRef,
        strings.of(row.weakestLink.checkId),
        row.weakestLink.headroom,
        row.weakestLink.message,
      ];
      const key = JSON.stringify(link);
      let i = linkIndex.get(key);
      if (i === undefined) {
        i = links.length;
        links.push(link);
        linkIndex.set(key, i);
      }
      out.w = i;
    }
    out.c = Math.round(row.coverage * 10_000) / 10_000;
    if (row.growthFactor !== undefined) out.g = row.growthFactor;
    out.d = DIMENSIONS.map(dim => row.dimensions[dim]?.score ?? null);
    out.dw = DIMENSIONS.map(dim => {
      const worst = row.dimensions[dim]?.worst;
      return worst ? STATUS_LETTERS[worst] : '-';
    }).join('');
    if (row.failing.length > 0) out.f = row.failing.map(id => strings.of(id));
    out.e = strings.of(row.evaluatedAt);
    return out;
  });
  const { components: _rows, ...rest } = scorecard;
  return {
    ...rest,
    format: COMPACT_SCORECARD_FORMAT,
    strings: strings.values,
    links,
    components,
  };
}

/**
 * The full team scorecard of a compact one. A body already in the full
 * format (a server without the compact format) is returned as it is, so
 * clients can ask for `?format=compact` of any server version.
 * @public
 */
export function expandTeamScorecard(
  body: CompactTeamScorecard | TeamScorecardResponse,
): TeamScorecardResponse {
  if (!isCompactTeamScorecard(body)) return body;
  const { format: _f, strings, links, components, ...rest } = body;
  const str = (i: number, what: string): string => {
    const value = strings[i];
    if (typeof value !== 'string') {
      throw new TypeError(`compact scorecard: no string ${i} (${what})`);
    }
    return value;
  };
  return {
    ...rest,
    components: components.map(c => {
      const row: ScorecardRow = {
        entityRef: c.r,
        kind: str(c.k, 'kind'),
        level: COMPACT_LEVELS[c.l] ?? 'not-ready',
        score: c.sc ?? null,
        ownHeadroom: c.oh ?? null,
        chainHeadroom: c.ch ?? null,
        coverage: c.c,
        dimensions: {} as ScorecardRow['dimensions'],
        failing: (c.f ?? []).map(i => str(i, 'failing check')),
        evaluatedAt: str(c.e, 'evaluatedAt'),
      };
      if (c.t !== undefined) row.title = c.t;
      if (c.g !== undefined) row.growthFactor = c.g;
      if (c.y !== undefined) row.type = str(c.y, 'type');
      if (c.sy !== undefined) row.system = str(c.sy, 'system');
      if (c.o !== undefined) row.owner = str(c.o, 'owner');
      if (c.w !== undefined) {
        const link = links[c.w];
        if (!link) throw new TypeError(`compact scorecard: no link ${c.w}`);
        row.weakestLink = {
          entityRef: link[0],
          checkId: str(link[1], 'weakest link check'),
          headroom: link[2],
          message: link[3],
        };
      }
      DIMENSIONS.forEach((dim, i) => {
        row.dimensions[dim] = {
          score: c.d[i] ?? null,
          worst: STATUS_OF_LETTER.get(c.dw[i]) ?? null,
        };
      });
      return row;
    }),
  };
}
