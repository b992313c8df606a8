import fs from 'node:fs';
import path from 'node:path';
import {
  ANNOTATION_LOAD_TEST_REPORT,
  ANNOTATION_PEAK_REQUEST_RATE,
  type FactContribution,
  isMachineReadableReport,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  describeError,
  errorFact,
  okFact,
} from '@scale-readiness/plugin-scale-readiness-node';
import {
  parseLoadTestReport,
  parsePeakRequestRate,
} from '@scale-readiness/plugin-scale-readiness-facts';
import type { SourcedEntity } from '../input/classify';

/** Provider id of load-test facts, as in the backend. */
export const LOAD_TEST_PROVIDER_ID = 'load-tests';

/** Largest report read (the backend's default `loadTests.maxReportBytes`). */
const MAX_REPORT_BYTES = 5 * 1024 * 1024;

function inside(root: string, child: string): boolean {
  const rel = path.relative(root, child);
  return (
    rel === '' ||
    (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel))
  );
}

/**
 * The `loadTest` section of an entity whose `scale-readiness.io/load-test-report`
 * names a `.json` file relative to its catalog file, read like the backend
 * reads it (inside the input folders, at most 5 MiB). URLs are not fetched by
 * the CLI (offline in CI): no section, so the check says it is unknown.
 */
export function loadTestContribution(
  sourced: SourcedEntity,
  roots: readonly string[],
  now: Date,
): FactContribution | undefined {
  const target =
    sourced.entity.metadata.annotations?.[ANNOTATION_LOAD_TEST_REPORT]?.trim();
  if (!target || !isMachineReadableReport(target)) return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return undefined;
  const file = path.resolve(path.dirname(sourced.file), target);
  const meta = {
    source: LOAD_TEST_PROVIDER_ID,
    location: file,
    collectedAt: now,
  };
  try {
    const real = fs.realpathSync(file);
    if (!roots.some(root => inside(fs.realpathSync(root), real)))
      throw new Error(`${target} is outside the folders given to the CLI`);
    if (fs.statSync(real).size > MAX_REPORT_BYTES)
      throw new Error(
        `the report at ${target} is larger than ${MAX_REPORT_BYTES} bytes`,
      );
    const facts = parseLoadTestReport(fs.readFileSync(real, 'utf8'));
    const peak = parsePeakRequestRate(
      sourced.entity.metadata.annotations?.[ANNOTATION_PEAK_REQUEST_RATE],
    );
    return {
      loadTest: okFact(
        { ...facts, ...(peak !== undefined ? { peakRequestRate: peak } : {}) },
        meta,
      ),
    };
  } catch (e) {
    const message = describeError(e).replace(
      /^ENOENT: .*$/,
      `not found: ${target}`,
    );
    return { loadTest: errorFact(message, meta) };
  }
}
