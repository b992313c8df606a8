import {
  Command,
  CommanderError,
  InvalidArgumentError,
  Option,
} from 'commander';
import { buildCheckReport } from './check/report';
import { evaluateGate, parseFailOn } from './check/gate';
import { runCheck } from './check/runCheck';
import { loadReadinessConfig } from './config';
import { InputError } from './errors';
import { gateFailureLines, gateLine } from './format/common';
import { formatGithub } from './format/github';
import { formatMarkdown } from './format/markdown';
import { formatSarif } from './format/sarif';
import { formatTable } from './format/table';
import { fetchPlanExport } from './plan/fetchPlanExport';
import { fetchReviewExport } from './report/fetchReviewExport';
import { fetchTeamScorecard } from './report/fetchTeamScorecard';
import { formatTeamCsv, formatTeamMarkdown } from './report/formatTeamReport';
import { cliVersion } from './version';

/** Exit codes of the CLI. @public */
export const EXIT = { passed: 0, gateFailed: 1, inputError: 2 } as const;

/** Where the CLI writes and what it reads from its environment. @public */
export interface CliIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Whether stdout is a terminal (the default format is then `table`). */
  isTTY: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
  fetch?: typeof fetch;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new InvalidArgumentError('must be a number greater than 0');
  }
  return n;
}

function isoDate(value: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime()))
    throw new InvalidArgumentError('must be an ISO date');
  return d;
}

function collect(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map(v => v.trim())
      .filter(Boolean),
  ];
}

interface CheckFlags {
  growth?: number;
  format?: 'table' | 'json' | 'markdown' | 'sarif' | 'github';
  failOn: string;
  minHeadroom?: number;
  config?: string;
  only?: string[];
  now?: Date;
}

async function check(
  paths: string[],
  flags: CheckFlags,
  io: CliIO,
): Promise<number> {
  const failOn = parseFailOn(flags.failOn);
  const config = loadReadinessConfig({
    configFile: flags.config,
    cwd: io.cwd,
    growthFactor: flags.growth,
  });
  const outcome = await runCheck({
    paths,
    cwd: io.cwd,
    config,
    only: flags.only,
    now: flags.now,
    onTiming: io.env.SCALE_READINESS_TIMINGS
      ? (phase, ms) =>
          io.stderr.write(`scale-readiness: ${phase}: ${Math.round(ms)} ms\n`)
      : undefined,
  });
  const gate = evaluateGate(outcome.results, outcome.problems.length, {
    failOn,
    minHeadroom: flags.minHeadroom,
    unownedCount: outcome.unowned.length,
  });
  const checkReport = buildCheckReport(
    outcome.results,
    outcome.problems,
    gate,
    config.growthFactor,
    outcome.unowned,
    outcome.sources,
  );
  const format = flags.format ?? (io.isTTY ? 'table' : 'json');
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify(checkReport, null, 2)}\n`);
  } else if (format === 'markdown') {
    io.stdout.write(formatMarkdown(checkReport));
  } else if (format === 'sarif') {
    io.stdout.write(`${JSON.stringify(formatSarif(checkReport), null, 2)}\n`);
  } else if (format === 'github') {
    io.stdout.write(formatGithub(checkReport));
  } else {
    io.stdout.write(formatTable(checkReport));
  }
  if (!gate.passed && format !== 'table') {
    io.stderr.write(
      `scale-readiness: ${gateLine(checkReport)}\n${gateFailureLines(
        checkReport,
      )
        .map(line => `  ${line}\n`)
        .join('')}`,
    );
  }
  return gate.passed ? EXIT.passed : EXIT.gateFailed;
}

interface ReportFlags {
  backend: string;
  team?: string;
  review?: string;
  format: 'markdown' | 'csv';
  tokenEnv: string;
}

async function report(flags: ReportFlags, io: CliIO): Promise<number> {
  const portal = {
    backend: flags.backend,
    token: io.env[flags.tokenEnv] || undefined,
    tokenEnv: flags.tokenEnv,
    fetch: io.fetch,
  };
  if (flags.review !== undefined) {
    const text = await fetchReviewExport({
      ...portal,
      review: flags.review,
      team: flags.team,
      format: flags.format,
    });
    io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return EXIT.passed;
  }
  if (!flags.team) {
    throw new InputError(
      'report: give --team <ref> (a team scorecard) and/or --review <id|latest|period> (a quarterly review)',
    );
  }
  const scorecard = await fetchTeamScorecard({ ...portal, team: flags.team });
  io.stdout.write(
    flags.format === 'csv'
      ? formatTeamCsv(scorecard)
      : formatTeamMarkdown(scorecard),
  );
  return EXIT.passed;
}

interface PlanFlags {
  backend: string;
  plan: string;
  format: 'markdown' | 'csv';
  token?: string;
  tokenEnv: string;
}

async function plan(flags: PlanFlags, io: CliIO): Promise<number> {
  const text = await fetchPlanExport({
    backend: flags.backend,
    token: flags.token || io.env[flags.tokenEnv] || undefined,
    tokenEnv: flags.token ? '--token' : flags.tokenEnv,
    fetch: io.fetch,
    plan: flags.plan,
    format: flags.format,
  });
  io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  return EXIT.passed;
}

function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command('scale-readiness')
    .description(
      'Score Backstage catalog files and Kubernetes manifests for growth, as a CI gate.',
    )
    .version(cliVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: text => io.stdout.write(text),
      writeErr: text => io.stderr.write(text),
    })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('check')
    .description(
      'Score every Component and Resource found in YAML files under PATHs (default: .)',
    )
    .argument('[paths...]', 'files and folders to read')
    .option(
      '--growth <factor>',
      'growth factor to test against (default 3, or the config)',
      positiveNumber,
    )
    .addOption(
      new Option(
        '--format <format>',
        'output format (default: table on a terminal, else json)',
      ).choices(['table', 'json', 'markdown', 'sarif', 'github']),
    )
    .option(
      '--fail-on <conditions>',
      'fail when: a level (not-ready|bronze|silver|gold) or below, a check status (fail|warn|unknown), problems, unowned, or none; comma-separated',
      'fail',
    )
    .option(
      '--min-headroom <n>',
      'fail when a chain headroom is below n',
      positiveNumber,
    )
    .option('--config <file>', 'app-config YAML with a scaleReadiness: block')
    .option(
      '--only <entityRef>',
      'report only this entity (repeatable, comma-separated)',
      collect,
    )
    .option(
      '--now <date>',
      'evaluate as of this ISO date (reproducible runs)',
      isoDate,
    )
    .action(async (paths: string[], flags: CheckFlags) => {
      setExit(await check(paths, flags, io));
    });

  program
    .command('report')
    .description(
      "Export a team's scorecard, or a quarterly review (org-wide or one team's), from a running portal",
    )
    .requiredOption(
      '--backend <url>',
      'portal backend URL, e.g. https://backstage.example.com',
    )
    .option(
      '--team <ref>',
      'team (group) ref, e.g. group:default/payments-team',
    )
    .option(
      '--review <id|latest|period>',
      'export a frozen review instead of the live scorecard: its id, latest, or a period such as 2026-Q4',
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['markdown', 'csv'])
        .default('markdown'),
    )
    .option(
      '--token-env <name>',
      'environment variable holding the Backstage token',
      'SCALE_READINESS_TOKEN',
    )
    .action(async (flags: ReportFlags) => {
      setExit(await report(flags, io));
    });

  program
    .command('plan')
    .description(
      'Export a launch plan (verdict, request chain, action items, sign-offs) from a running portal',
    )
    .requiredOption(
      '--backend <url>',
      'portal backend URL, e.g. https://backstage.example.com',
    )
    .requiredOption('--plan <id|title>', 'the plan id, or its exact title')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['markdown', 'csv'])
        .default('markdown'),
    )
    .option(
      '--token <token>',
      'Backstage token (prefer --token-env: arguments show up in process lists)',
    )
    .option(
      '--token-env <name>',
      'environment variable holding the Backstage token',
      'SCALE_READINESS_TOKEN',
    )
    .action(async (flags: PlanFlags) => {
      setExit(await plan(flags, io));
    });

  return program;
}

/**
 * Runs the CLI with the given arguments (without `node` and the script) and
 * returns the exit code: 0 gate passed (or report written), 1 gate failed,
 * 2 usage or input error.
 * @public
 */
export async function run(args: string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.passed;
  const program = buildProgram(io, code => {
    exitCode = code;
  });
  try {
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version'
        ? EXIT.passed
        : EXIT.inputError;
    }
    const message =
      error instanceof InputError
        ? error.message
        : `unexpected error: ${
            error instanceof Error
              ? error.stack ?? error.message
              : String(error)
          }`;
    io.stderr.write(`scale-readiness: ${message}\n`);
    return EXIT.inputError;
  }
}
