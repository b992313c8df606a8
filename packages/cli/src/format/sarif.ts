import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CheckReport } from '../check/report';
import { cliVersion } from '../version';
import { collectFindings, type Finding } from './findings';

/** A SARIF 2.1.0 log (the parts this tool writes). @public */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<{
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri: string;
        rules: Array<{
          id: string;
          name: string;
          shortDescription: { text: string };
          defaultConfiguration: { level: string };
          properties?: Record<string, unknown>;
        }>;
      };
    };
    originalUriBaseIds?: Record<string, { description: { text: string } }>;
    results: Array<Record<string, unknown>>;
    properties: Record<string, unknown>;
  }>;
}

const SRCROOT = '%SRCROOT%';

/** A relative path (below the working directory) or a file: URI. */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  return {
    uri: file
      .split('\\')
      .map(encodeURIComponent)
      .join('/')
      .replace(/%2F/g, '/'),
    uriBaseId: SRCROOT,
  };
}

function ruleName(id: string): string {
  // SARIF rule names are identifiers: CamelCase of the id
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(w => w[0].toUpperCase() + w.slice(1))
    .join('');
}

function result(f: Finding, ruleIndex: number): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: f.level,
    message: { text: f.message },
    ...(f.file
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactLocation(f.file),
                region: { startLine: f.line ?? 1 },
              },
              ...(f.entityRef
                ? {
                    logicalLocations: [
                      { fullyQualifiedName: f.entityRef, kind: 'module' },
                    ],
                  }
                : {}),
            },
          ],
        }
      : {}),
    // stable across runs, so code scanning tracks an alert instead of a new one
    partialFingerprints: {
      scaleReadiness: `${f.ruleId}|${f.entityRef ?? f.file ?? ''}`,
    },
  };
}

/**
 * The report as a SARIF 2.1.0 log, which GitHub code scanning and other SARIF
 * viewers read: one rule per check (and for input problems and unowned
 * objects), one result per failing (`error`), warning (`warning`) or unknown
 * (`note`) check at the entity's catalog file and line. Paths relative to the
 * working directory use the `%SRCROOT%` base. Validated against the SARIF
 * 2.1.0 schema in the tests.
 * @public
 */
export function formatSarif(report: CheckReport): SarifLog {
  const findings = collectFindings(report);
  const rules: SarifLog['runs'][number]['tool']['driver']['rules'] = [];
  const index = new Map<string, number>();
  for (const f of findings) {
    if (index.has(f.ruleId)) continue;
    index.set(f.ruleId, rules.length);
    rules.push({
      id: f.ruleId,
      name: ruleName(f.ruleId),
      shortDescription: { text: f.ruleTitle },
      defaultConfiguration: { level: f.level === 'note' ? 'note' : 'warning' },
      ...(f.dimension ? { properties: { dimension: f.dimension } } : {}),
    });
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'scale-readiness',
            version: cliVersion(),
            informationUri:
              'https://github.com/scale-readiness/scale-readiness/blob/main/docs/ci-gate.md',
            rules,
          },
        },
        originalUriBaseIds: {
          [SRCROOT]: {
            description: { text: 'The directory scale-readiness ran in' },
          },
        },
        results: findings.map(f => result(f, index.get(f.ruleId)!)),
        properties: {
          growthFactor: report.growthFactor,
          gatePassed: report.gate.passed,
        },
      },
    ],
  };
}
