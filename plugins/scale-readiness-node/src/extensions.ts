import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { CheckDefinition } from '@scale-readiness/plugin-scale-readiness-common';
import type { FactProvider } from './FactProvider';

/**
 * Lets backend modules add fact providers to the Scale Readiness backend.
 * @public
 */
export interface ScaleReadinessFactProvidersExtensionPoint {
  /** Adds providers; a provider id that is already registered throws. */
  addFactProvider(...providers: FactProvider[]): void;
}

/**
 * Extension point for fact providers (`scale-readiness.fact-providers`).
 * @public
 */
export const scaleReadinessFactProvidersExtensionPoint =
  createExtensionPoint<ScaleReadinessFactProvidersExtensionPoint>({
    id: 'scale-readiness.fact-providers',
  });

/**
 * Lets backend modules add readiness checks next to the built-in catalogue.
 * @public
 */
export interface ScaleReadinessChecksExtensionPoint {
  /** Adds checks; a check id that is already registered throws. */
  addCheck(...checks: CheckDefinition[]): void;
}

/**
 * Extension point for readiness checks (`scale-readiness.checks`).
 * @public
 */
export const scaleReadinessChecksExtensionPoint =
  createExtensionPoint<ScaleReadinessChecksExtensionPoint>({
    id: 'scale-readiness.checks',
  });
