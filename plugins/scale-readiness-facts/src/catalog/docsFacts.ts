import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_DOCS_UPDATED,
  ANNOTATION_LOAD_TEST_DATE,
  ANNOTATION_LOAD_TEST_REPORT,
  ANNOTATION_RUNBOOK,
  ANNOTATION_TECHDOCS_REF,
  BaseEntityFacts,
  DocsFacts,
} from '@scale-readiness/plugin-scale-readiness-common';
import { hasSubstantialDefinition } from './apiDefinition';
import type { EntityLookup } from './EntityLookup';
import { annotation, linkOfType } from './entityHelpers';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Validates an ISO date annotation; throws with the annotation name when invalid. */
function isoDate(entity: Entity, name: string): string | undefined {
  const value = annotation(entity, name);
  if (value === undefined) return undefined;
  if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(value))) {
    throw new Error(`${name} is not an ISO date: '${value}'`);
  }
  return value;
}

/**
 * Documentation facts: TechDocs ref and update date, runbook (annotation or
 * link of type `runbook`), load-test report (annotation or link of type
 * `load-test`) and date, and whether each provided API has a real definition.
 * Throws on an invalid date annotation or a failed API lookup.
 */
export function buildDocs(
  entity: Entity,
  base: BaseEntityFacts,
  lookup: EntityLookup,
): DocsFacts {
  const facts: DocsFacts = {
    providedApis: base.relations.providesApis.map(entityRef => ({
      entityRef,
      hasDefinition: hasSubstantialDefinition(lookup.get(entityRef)),
    })),
  };
  const techdocsRef = annotation(entity, ANNOTATION_TECHDOCS_REF);
  if (techdocsRef) facts.techdocsRef = techdocsRef;
  const updated = isoDate(entity, ANNOTATION_DOCS_UPDATED);
  if (updated) facts.techdocsUpdatedAt = updated;
  const runbook =
    annotation(entity, ANNOTATION_RUNBOOK) ?? linkOfType(entity, 'runbook');
  if (runbook) facts.runbookUrl = runbook;
  const report =
    annotation(entity, ANNOTATION_LOAD_TEST_REPORT) ??
    linkOfType(entity, 'load-test');
  if (report) facts.loadTestReportUrl = report;
  const loadTestDate = isoDate(entity, ANNOTATION_LOAD_TEST_DATE);
  if (loadTestDate) facts.loadTestDate = loadTestDate;
  return facts;
}
