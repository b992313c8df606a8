/**
 * Exports of a launch plan: Markdown for a launch document, CSV of the
 * action items for a spreadsheet (the reviews' CSV writer, one escaper).
 */
import type { PlanDetailResponse } from '@scale-readiness/plugin-scale-readiness-common';
import { toCsv } from '@scale-readiness/plugin-scale-readiness-common';
import { mdText } from '../reviews';

/** Columns of the CSV export, one row per action item. */
export const PLAN_CSV_COLUMNS = [
  'plan',
  'date',
  'team',
  'entity_ref',
  'check_id',
  'title',
  'state',
  'due_date',
  'assignee',
  'waiver_id',
  'remediation',
];

const times = (n: number | null) =>
  n === null || !Number.isFinite(n) ? '∞' : `${Number(n.toFixed(2))}×`;

/** The plan's action items as CSV (RFC 4180, formula-safe). */
export function planCsv(detail: PlanDetailResponse): string {
  return toCsv({
    columns: PLAN_CSV_COLUMNS,
    rows: detail.items.map(i => [
      detail.plan.title,
      detail.plan.date,
      i.team,
      i.entityRef,
      i.checkId,
      i.title,
      i.state,
      i.dueDate,
      i.assignee,
      i.waiverId,
      i.remediation,
    ]),
  });
}

function table(header: string[], rows: string[][]): string[] {
  if (rows.length === 0) return ['None.', ''];
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map(r => `| ${r.join(' | ')} |`),
    '',
  ];
}

/** The plan as a Markdown document: verdict, weakest link, members, items, teams. */
export function planMarkdown(detail: PlanDetailResponse): string {
  const { plan, evaluation: e } = detail;
  const verdict = { go: 'GO', 'no-go': 'NO-GO', unknown: 'UNKNOWN' }[e.verdict];
  const lines = [
    `# Launch plan: ${mdText(plan.title)}`,
    '',
    `${plan.occasion ? `${mdText(plan.occasion)} · ` : ''}Launch ${
      plan.date
    } · growth factor ${plan.growthFactor}× · status ${
      plan.status
    } · evaluated ${e.evaluatedAt.slice(0, 16)}Z`,
    '',
    `**Verdict: ${verdict}** · ${plan.openItems} open items · ${detail.teams.length} teams`,
    '',
  ];
  if (e.weakestLink) {
    lines.push(
      `Weakest link: \`${e.weakestLink.entityRef}\` at ${times(
        e.weakestLink.headroom,
      )} (${mdText(e.weakestLink.reason)})`,
      '',
    );
  }
  if (e.missingEntryPoints.length > 0) {
    lines.push(
      `Missing from the catalog: ${e.missingEntryPoints
        .map(r => `\`${r}\``)
        .join(', ')}`,
      '',
    );
  }
  lines.push(
    '## Request chain',
    '',
    ...table(
      ['Entity', 'Owner', 'Factor', 'Headroom', 'State', 'First break'],
      e.members.map(m => [
        `\`${m.entityRef}\`${m.entryPoint ? ' (entry)' : ''}`,
        mdText(m.ownerTitle ?? m.owner),
        `${m.factor}×`,
        m.state === 'unknown' ? '–' : times(m.headroom),
        m.state,
        mdText(m.firstBreak?.title),
      ]),
    ),
    '## Action items',
    '',
    ...table(
      ['Due', 'Team', 'Entity', 'Check', 'State', 'Assignee'],
      detail.items.map(i => [
        i.dueDate,
        mdText(i.team),
        `\`${i.entityRef}\``,
        mdText(i.title),
        i.state,
        mdText(i.assignee),
      ]),
    ),
    '## Teams',
    '',
    ...table(
      ['Team', 'Open items', 'Signed off'],
      detail.teams.map(t => [
        mdText(t.title),
        String(t.openItems),
        t.signedOff ? 'yes' : 'no',
      ]),
    ),
  );
  if (detail.signOffs.length > 0) {
    lines.push(
      '## Sign-offs',
      '',
      ...detail.signOffs.map(
        s =>
          `- ${mdText(s.team)}: ${mdText(s.by)} on ${s.at.slice(0, 10)}${
            s.comment ? ` — ${mdText(s.comment)}` : ''
          }`,
      ),
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
