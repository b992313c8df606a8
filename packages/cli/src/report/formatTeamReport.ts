import {
  teamScorecardCsv,
  type TeamScorecardResponse,
} from '@scale-readiness/plugin-scale-readiness-common';
import { formatHeadroom, formatScore } from '../format/common';
import { mdText } from '../format/markdown';

/**
 * A team scorecard as CSV: the portal's team CSV (`teamScorecardCsv` of
 * `-common`), one row per component.
 * @public
 */
export function formatTeamCsv(scorecard: TeamScorecardResponse): string {
  return teamScorecardCsv(scorecard.components);
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
