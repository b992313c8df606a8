import type {
  ScorecardRow,
  TeamScorecardResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import { formatHeadroom, formatScore } from '../format/common';
import { mdText } from '../format/markdown';

const CSV_COLUMNS = [
  'entityRef',
  'title',
  'kind',
  'type',
  'system',
  'owner',
  'level',
  'score',
  'ownHeadroom',
  'chainHeadroom',
  'weakestLinkRef',
  'weakestLinkCheck',
  'coverage',
  'failing',
  'evaluatedAt',
] as const;

/** A CSV field (RFC 4180): quoted when it holds a comma, quote or newline. */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  // Keep spreadsheets from running a cell as a formula.
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvRow(row: ScorecardRow): string {
  const values: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    entityRef: row.entityRef,
    title: row.title,
    kind: row.kind,
    type: row.type,
    system: row.system,
    owner: row.owner,
    level: row.level,
    score: row.score,
    ownHeadroom: row.ownHeadroom,
    chainHeadroom: row.chainHeadroom,
    weakestLinkRef: row.weakestLink?.entityRef,
    weakestLinkCheck: row.weakestLink?.checkId,
    coverage: row.coverage,
    failing: row.failing.join(' '),
    evaluatedAt: row.evaluatedAt,
  };
  return CSV_COLUMNS.map(c => csvField(values[c])).join(',');
}

/**
 * A team scorecard as CSV: one row per component, columns `entityRef, title,
 * kind, type, system, owner, level, score, ownHeadroom, chainHeadroom,
 * weakestLinkRef, weakestLinkCheck, coverage, failing, evaluatedAt`
 * (`failing`: space-separated check ids).
 * @public
 */
export function formatTeamCsv(scorecard: TeamScorecardResponse): string {
  return `${[CSV_COLUMNS.join(','), ...scorecard.components.map(csvRow)].join(
    '\r\n',
  )}\r\n`;
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** A team scorecard as Markdown (rollup, weakest links, components). @public */
export function formatTeamMarkdown(scorecard: TeamScorecardResponse): string {
  const { team, rollup } = scorecard;
  const name = team.title
    ? `${team.title} (${team.entityRef})`
    : team.entityRef;
  const out = [
    `# Scale readiness: ${mdText(name)}`,
    '',
    `Growth factor ${scorecard.growthFactor}×. ${
      rollup.components
    } components, average score ${formatScore(rollup.score)}, ${
      rollup.atRisk
    } at risk (chain headroom below ${
      scorecard.growthFactor
    }×), coverage ${Math.round(rollup.coverage * 100)}%.`,
    '',
    `Levels: gold ${rollup.levels.gold}, silver ${rollup.levels.silver}, bronze ${rollup.levels.bronze}, not ready ${rollup.levels['not-ready']}.`,
  ];
  if (scorecard.champions.length > 0) {
    out.push('', `Champions: ${scorecard.champions.map(code).join(', ')}`);
  }
  if (scorecard.weakestLinks.length > 0) {
    out.push(
      '',
      '## Weakest links',
      '',
      '| Limit | Check | Headroom | Components affected | Message |',
      '| --- | --- | ---: | ---: | --- |',
      ...scorecard.weakestLinks.map(
        l =>
          `| ${code(l.entityRef)} | ${code(l.checkId)} | ${formatHeadroom(
            l.headroom,
          )} | ${l.affected} | ${mdText(l.message)} |`,
      ),
    );
  }
  out.push(
    '',
    '## Components',
    '',
    '| Component | Level | Score | Chain headroom | Coverage | Failing checks |',
    '| --- | --- | ---: | ---: | ---: | --- |',
    ...scorecard.components.map(
      c =>
        `| ${code(c.entityRef)}${c.title ? ` ${mdText(c.title)}` : ''} | ${
          c.level
        } | ${formatScore(c.score)} | ${formatHeadroom(
          c.chainHeadroom,
        )} | ${Math.round(c.coverage * 100)}% | ${
          c.failing.map(code).join(', ') || '—'
        } |`,
    ),
  );
  return `${out.join('\n')}\n`;
}
