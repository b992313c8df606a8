/**
 * Markdown exports of a review, ready to paste into a review document.
 */
import {
  DIMENSIONS,
  groupActionItems,
  type ComponentChange,
  type ReviewDetailResponse,
  type ReviewSignOff,
  type ReviewSummary,
  type ReviewTeamResponse,
  type ReadinessConfig,
  type Rollup,
} from '@scale-readiness/plugin-scale-readiness-common';
import { levelReasons } from './reviewCsv';

/** Escapes text for a table cell or inline text (pipes, newlines, markup). */
export function mdText(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '–';
  return String(value)
    .replace(/\\/g, '\\\\')
    .replace(/([|*_`[\]<>#])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

function num(n: number | null | undefined, digits = 0): string {
  return typeof n === 'number' && Number.isFinite(n) ? n.toFixed(digits) : '–';
}

function factor(n: number | null | undefined): string {
  return typeof n === 'number' && Number.isFinite(n) ? `${n.toFixed(1)}×` : '∞';
}

/** Hours as `3 d 4 h`, `2 h 5 min`, `40 s`: the portal's one duration format. */
export function duration(hours: number | null | undefined): string {
  if (typeof hours !== 'number' || !Number.isFinite(hours)) return '–';
  const s = Math.max(0, Math.round(hours * 3600));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return h ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return `${m} min`;
  return `${s} s`;
}

function date(iso: string): string {
  return iso.slice(0, 10);
}

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map(r => `| ${r.join(' | ')} |`),
    '',
  ];
}

function rollupLine(r: Rollup, growthFactor: number): string {
  return (
    `Score **${num(r.score)}** · ${r.components} components · ` +
    `gold ${r.levels.gold}, silver ${r.levels.silver}, bronze ${r.levels.bronze}, ` +
    `not ready ${r.levels['not-ready']} · ${r.atRisk} at risk at ${growthFactor}× · ` +
    `coverage ${Math.round(r.coverage * 100)}%`
  );
}

function intro(
  review: ReviewSummary,
  previous?: { title: string; takenAt: string },
): string[] {
  const period = review.period ? `, ${review.period}` : '';
  const baseline = previous
    ? `compared with ${mdText(previous.title)} (${date(previous.takenAt)})`
    : 'first review, no baseline';
  return [
    `Taken ${date(review.takenAt)} (${
      review.trigger
    }${period}) · growth factor ${review.growthFactor}× · ${baseline}`,
    '',
  ];
}

function changeLine(c: ComponentChange): string {
  const name = `\`${c.entityRef}\``;
  if (c.change === 'new')
    return `- ${name}: new at ${c.levelAfter} (score ${num(c.scoreAfter)})`;
  if (c.change === 'removed')
    return `- ${name}: removed (was ${c.levelBefore}, score ${num(
      c.scoreBefore,
    )})`;
  const dims = c.dimensions
    .filter(d => d.change !== 'unchanged')
    .map(d => `${d.dimension} ${num(d.before)} → ${num(d.after)}`);
  const detail = dims.length ? ` (${dims.join(', ')})` : '';
  return `- ${name}: ${c.levelBefore} → ${c.levelAfter}, score ${num(
    c.scoreBefore,
  )} → ${num(c.scoreAfter)}${detail}`;
}

function signOffLines(signOffs: ReviewSignOff[]): string[] {
  if (signOffs.length === 0) return ['_Awaiting sign-off._', ''];
  return [
    ...signOffs.map(s => {
      const comment = s.comment ? `: “${mdText(s.comment)}”` : '';
      return `- Signed off by \`${s.userRef}\` on ${date(
        s.signedAt,
      )}${comment}`;
    }),
    '',
  ];
}

/** One team's review as Markdown. */
export function teamMarkdown(
  data: ReviewTeamResponse,
  previous?: { title: string; takenAt: string },
  levels?: ReadinessConfig['levels'],
): string {
  const why = levelReasons(data, levels);
  const { review, team, changes } = data;
  const champions = team.champions.length
    ? team.champions.map(c => `\`${c}\``).join(', ')
    : '_none_';
  const access = team.timeToAccess
    ? ` · time to access: median ${duration(
        team.timeToAccess.medianHours,
      )}, p90 ${duration(team.timeToAccess.p90Hours)}`
    : '';
  const lines: string[] = [
    `# ${mdText(review.title)}: ${mdText(team.title ?? team.teamRef)}`,
    '',
    ...intro(review, changes.previousReviewId ? previous : undefined),
    rollupLine(team.rollup, review.growthFactor),
    '',
    `Champions: ${champions}${access}`,
    '',
  ];
  if (changes.previousReviewId) {
    const { counts } = changes;
    lines.push(
      '## Changes since the previous review',
      '',
      `Improved ${counts.improved} · regressed ${counts.regressed} · new ${counts.new} · removed ${counts.removed} · unchanged ${counts.unchanged}`,
      '',
    );
    for (const kind of ['regressed', 'improved', 'new', 'removed'] as const) {
      const items = changes.components.filter(c => c.change === kind);
      if (items.length)
        lines.push(
          `### ${kind[0].toUpperCase()}${kind.slice(1)}`,
          '',
          ...items.map(changeLine),
          '',
        );
    }
    lines.push(
      ...table(
        ['Dimension', 'Before', 'After', 'Improved', 'Regressed'],
        DIMENSIONS.map(d => {
          const x = changes.dimensions[d];
          return [
            d,
            num(x.before),
            num(x.after),
            String(x.improved),
            String(x.regressed),
          ];
        }),
      ),
    );
  }
  lines.push(
    '## Components',
    '',
    ...table(
      [
        'Component',
        'Level',
        'Score',
        'Own headroom',
        'Chain headroom',
        ...DIMENSIONS,
        'Why this level',
      ],
      data.components.map(c => [
        `\`${c.entityRef}\``,
        c.level,
        num(c.score),
        factor(c.ownHeadroom),
        factor(c.chainHeadroom) + (c.atRisk ? ' ⚠' : ''),
        ...DIMENSIONS.map(d => num(c.dimensions[d]?.score)),
        mdText(why(c)),
      ]),
    ),
    `## Open action items (${data.actionItems.length})`,
    '',
  );
  // one row per root cause (check + remediation), worst first, with the
  // components it blocks, as the review team page shows them
  const groups = groupActionItems(data.actionItems);
  lines.push(
    ...(groups.length
      ? [
          `${groups.length} root cause${
            groups.length === 1 ? '' : 's'
          }, worst first.`,
          '',
          ...table(
            [
              'Severity',
              'Check',
              'Status',
              'Components',
              'Finding',
              'Remediation',
            ],
            groups.map(g => [
              g.severity,
              mdText(g.title),
              g.status,
              g.items.map(a => `\`${a.entityRef}\``).join(', '),
              mdText(
                g.items.length === 1
                  ? g.items[0].message
                  : `${g.items[0].message} (and ${g.items.length - 1} more)`,
              ),
              mdText(g.remediation),
            ]),
          ),
        ]
      : ['_None._', '']),
  );
  if (team.waivers.length) {
    lines.push(
      '## Waivers',
      '',
      ...table(
        ['Component', 'Check', 'Reason', 'Approved by', 'Expires'],
        team.waivers.map(w => [
          `\`${w.entityRef}\``,
          w.checkId,
          mdText(w.reason),
          `\`${w.approvedBy}\``,
          date(w.expiresAt),
        ]),
      ),
    );
  }
  lines.push('## Sign-off', '', ...signOffLines(data.signOffs));
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The org view of a review as Markdown. */
export function orgMarkdown(data: ReviewDetailResponse): string {
  const { review, previous } = data;
  const awaiting = data.teams.filter(
    t => t.signOffs.length === 0 && t.components > 0,
  );
  const lines: string[] = [
    `# ${mdText(review.title)}`,
    '',
    ...intro(review, previous),
    rollupLine(review.org, review.growthFactor),
    '',
    `Teams ${review.teams} · signed off ${review.signedOffTeams} · improved ${review.changes.improved}, regressed ${review.changes.regressed}, new ${review.changes.new}, removed ${review.changes.removed}`,
    '',
    '## Teams',
    '',
    ...table(
      [
        'Team',
        'Components',
        'Score',
        'Before',
        'Not ready',
        'At risk',
        'Improved',
        'Regressed',
        'New',
        'Removed',
        'Action items',
        'Signed off',
      ],
      data.teams.map(t => [
        mdText(t.title ?? t.teamRef),
        String(t.components),
        num(t.score),
        num(t.scoreBefore),
        String(t.rollup.levels['not-ready']),
        String(t.rollup.atRisk),
        String(t.counts.improved),
        String(t.counts.regressed),
        String(t.counts.new),
        String(t.counts.removed),
        String(t.actionItems),
        t.signOffs.length
          ? t.signOffs.map(s => `\`${s.userRef}\``).join(', ')
          : 'awaiting',
      ]),
    ),
  ];
  if (awaiting.length) {
    lines.push(
      '## Awaiting sign-off',
      '',
      ...awaiting.map(
        t => `- ${mdText(t.title ?? t.teamRef)} (\`${t.teamRef}\`)`,
      ),
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
