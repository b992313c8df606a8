/**
 * `--format sarif` and `--format github` through the CLI, in process. The
 * SARIF log is validated against the SARIF 2.1.0 JSON schema (the schema
 * shipped by @microsoft/jest-sarif, `sarif-2.1.0-rtm.5.json`).
 */
import '@microsoft/jest-sarif';
import path from 'node:path';
import { run } from '../cli';
import type { CheckReport } from '../check/report';
import { formatSarif } from './sarif';

const REPO = path.resolve(__dirname, '../../../..');
const FIXTURES = path.resolve(__dirname, '../__fixtures__');
const NOW = ['--now', '2026-11-25'];
const rel = (p: string) => path.relative(REPO, p);

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    isTTY: false,
    env: {},
    cwd: REPO,
  });
  return { code, stdout, stderr };
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** From @microsoft/jest-sarif: valid against the SARIF 2.1.0 schema. */
      toBeValidSarifLog(): R;
    }
  }
}

describe('CI formats', () => {
  jest.setTimeout(60_000);
  const noHpa = path.join(FIXTURES, 'no-hpa');
  const broken = path.join(FIXTURES, 'broken');

  it('the schema check rejects a log that is not SARIF 2.1.0', () => {
    expect({
      version: '2.1.0',
      runs: [
        { tool: { driver: { name: 'x' } }, results: [{ level: 'fatal' }] },
      ],
    }).not.toBeValidSarifLog();
  });

  it('--format sarif: a valid SARIF 2.1.0 log with findings at the catalog file and line', async () => {
    const { code, stdout } = await cli([
      'check',
      noHpa,
      '--format',
      'sarif',
      ...NOW,
    ]);
    expect(code).toBe(1);
    const log = JSON.parse(stdout);
    expect(log).toBeValidSarifLog();
    const [runLog] = log.runs;
    expect(runLog.tool.driver.name).toBe('scale-readiness');
    const hpa = runLog.results.find(
      (r: any) => r.ruleId === 'autoscaling.hpa-present',
    );
    expect(hpa).toMatchObject({
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: {
              uri: rel(path.join(noHpa, 'catalog-info.yaml')),
              uriBaseId: '%SRCROOT%',
            },
            // the Component document starts after the comment lines
            region: { startLine: 4 },
          },
          logicalLocations: [
            { fullyQualifiedName: 'component:default/billing-service' },
          ],
        },
      ],
    });
    expect(hpa.message.text).toMatch(/^component:default\/billing-service: /);
    // every result's rule is declared, at its index
    for (const r of runLog.results) {
      expect(runLog.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    }
  });

  it('--format sarif: input problems at their file and line, still valid', async () => {
    const { stdout } = await cli([
      'check',
      broken,
      '--format',
      'sarif',
      ...NOW,
    ]);
    const log = JSON.parse(stdout);
    expect(log).toBeValidSarifLog();
    const json = JSON.parse(
      (await cli(['check', broken, ...NOW])).stdout,
    ) as CheckReport;
    expect(json.problems.length).toBeGreaterThan(0);
    const problems = log.runs[0].results.filter(
      (r: any) => r.ruleId === 'input-problem',
    );
    expect(
      problems.map((r: any) => [
        r.locations[0].physicalLocation.artifactLocation.uri,
        r.locations[0].physicalLocation.region.startLine,
      ]),
    ).toEqual(json.problems.map(p => [p.file, p.line]));
  });

  it('absolute paths outside the working directory become file: URIs', () => {
    const report: CheckReport = {
      schemaVersion: 1,
      growthFactor: 3,
      components: [],
      problems: [{ file: '/elsewhere/a b.yaml', line: 7, message: 'bad' }],
      unownedObjects: [],
      gate: {
        passed: true,
        failOn: [],
        minHeadroom: null,
        failures: [],
      } as any,
    };
    const log = formatSarif(report);
    expect(log).toBeValidSarifLog();
    expect(
      (log.runs[0].results[0] as any).locations[0].physicalLocation
        .artifactLocation,
    ).toEqual({ uri: 'file:///elsewhere/a%20b.yaml' });
  });

  it('--format github: workflow commands at file and line', async () => {
    const { code, stdout } = await cli([
      'check',
      noHpa,
      '--format',
      'github',
      ...NOW,
    ]);
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    const file = rel(path.join(noHpa, 'catalog-info.yaml'));
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^::error file=${file.replace(
            /[.]/g,
            '\\.',
          )},line=4,title=scale-readiness autoscaling\\.hpa-present::component%3Adefault/billing-service|^::error file=${file.replace(
            /[.]/g,
            '\\.',
          )},line=4,title=scale-readiness autoscaling\\.hpa-present::component:default/billing-service: `,
        ),
      ),
    );
    // messages never break the one-line command format
    for (const line of lines.slice(0, -2)) {
      expect(line).toMatch(
        /^::(error|warning|notice) file=[^:]+,line=\d+,title=[^:]+::/,
      );
    }
    expect(lines[lines.length - 1]).toMatch(/^Gate FAILED/);
  });
});
