/**
 * Shared building blocks of the built-in checks: applicability, fact-section
 * gating, evidence and capacity (headroom) outcomes.
 */
export * from './capacity';
export * from './gate';
export * from './messages';
export * from './profile';
