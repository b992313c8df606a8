import path from 'node:path';
import { CliIO, run } from './cli';
import type { CheckReport } from './check/report';

const REPO = path.resolve(__dirname, '../../..');
const ORPHANS = path.join(__dirname, '__fixtures__', 'orphans');
const NOW = ['--now', '2026-11-25'];

async function cli(args: string[], options: Partial<CliIO> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    isTTY: false,
    env: {},
    cwd: REPO,
    ...options,
  });
  return { code, stdout, stderr };
}

const FILE = 'packages/cli/src/__fixtures__/orphans/rendered/shop.yaml';

describe('objects that match no component, and chains that do not scale (issue 16, done when)', () => {
  jest.setTimeout(30_000);

  it('reports the dangling HPA, the orphan PDB and the unowned quota with file and line, and names the first fixed-replica member as the weakest link', async () => {
    const { stdout } = await cli(['check', ORPHANS, ...NOW]);
    const report = JSON.parse(stdout) as CheckReport;

    expect(
      report.unownedObjects.map(o => [o.type, `${o.file}:${o.line}`, o.name]),
    ).toEqual([
      ['dangling-autoscaler', `${FILE}:114`, 'checkout'],
      ['orphan-pdb', `${FILE}:128`, 'inventory'],
      ['unowned-quota', `${FILE}:140`, 'legacy-compute'],
    ]);
    expect(report.unownedObjects[0].message).toContain(
      'targets Deployment/checkout',
    );
    expect(report.unownedObjects[1].message).toContain(
      'app.kubernetes.io/name=inventory',
    );
    // The storefront's own HPA, its Deployment and the fixed services are not reported.
    expect(report.unownedObjects.map(o => o.name)).not.toContain('storefront');

    const storefront = report.components.find(
      c => c.entityRef === 'component:default/storefront',
    )!;
    expect(storefront.ownHeadroom).toBe(6);
    expect(storefront.headroom).toBe(1);
    expect(storefront.weakestLink).toMatchObject({
      entityRef: 'component:default/cart',
      checkId: 'autoscaling.hpa-max-headroom',
      headroom: 1,
    });
    expect(storefront.weakestLink?.message).toContain(
      'no autoscaler, fixed at 3 replicas',
    );
  });

  it('prints them in the table and Markdown, and fails the gate with --fail-on unowned', async () => {
    const table = await cli(['check', ORPHANS, '--format', 'table', ...NOW]);
    expect(table.stdout).toContain('3 objects matching no component');
    expect(table.stdout).toContain(
      `  ${FILE}:114  HorizontalPodAutoscaler/checkout (namespace shop) targets Deployment/checkout`,
    );
    const md = await cli(['check', ORPHANS, '--format', 'markdown', ...NOW]);
    expect(md.stdout).toContain('### Objects that match no component');
    expect(md.stdout).toContain(`- \`${FILE}:128\``);

    const lenient = await cli(['check', ORPHANS, '--fail-on', 'none', ...NOW]);
    expect(lenient.code).toBe(0);
    const strict = await cli([
      'check',
      ORPHANS,
      '--fail-on',
      'unowned',
      ...NOW,
    ]);
    expect(strict.code).toBe(1);
    expect((JSON.parse(strict.stdout) as CheckReport).gate.failures).toEqual([
      {
        entityRef: '(input)',
        reason: '3 Kubernetes objects match no component',
      },
    ]);
  });

  it('annotates them at their manifest file and line in SARIF and GitHub Actions output', async () => {
    const sarif = await cli(['check', ORPHANS, '--format', 'sarif', ...NOW]);
    const sarifRun = JSON.parse(sarif.stdout).runs[0];
    const unowned = sarifRun.results
      .filter((r: { ruleId: string }) => r.ruleId.startsWith('unowned/'))
      .map(
        (r: {
          ruleId: string;
          level: string;
          message: { text: string };
          locations: Array<{
            physicalLocation: {
              artifactLocation: { uri: string };
              region: { startLine: number };
            };
          }>;
        }) => [
          r.ruleId,
          r.level,
          `${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}`,
          r.message.text.split(':')[0],
        ],
      );
    expect(unowned).toEqual([
      [
        'unowned/dangling-autoscaler',
        'warning',
        `${FILE}:114`,
        'HorizontalPodAutoscaler shop/checkout',
      ],
      [
        'unowned/orphan-pdb',
        'warning',
        `${FILE}:128`,
        'PodDisruptionBudget shop/inventory',
      ],
      [
        'unowned/unowned-quota',
        'warning',
        `${FILE}:140`,
        expect.stringMatching(/^ResourceQuota .*legacy-compute$/),
      ],
    ]);
    expect(sarifRun.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(
      expect.arrayContaining([
        'unowned/dangling-autoscaler',
        'unowned/orphan-pdb',
        'unowned/unowned-quota',
      ]),
    );

    const github = await cli(['check', ORPHANS, '--format', 'github', ...NOW]);
    const annotations = github.stdout
      .split('\n')
      .filter(l => l.includes('title=scale-readiness unowned/'));
    expect(annotations).toHaveLength(3);
    expect(annotations[0]).toMatch(
      new RegExp(
        `^::warning file=${FILE.replace(
          /[.]/g,
          '\\.',
        )},line=114,title=scale-readiness unowned/dangling-autoscaler::HorizontalPodAutoscaler shop/checkout: .*targets Deployment/checkout`,
      ),
    );
    expect(annotations[1]).toContain(`file=${FILE},line=128,`);
    expect(annotations[2]).toContain(`file=${FILE},line=140,`);
  });
});
