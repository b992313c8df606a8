/**
 * Test utilities for Scale Readiness backend modules: the access executor
 * contract suite every executor passes against a local server of the
 * external system.
 * @packageDocumentation
 */
export * from './accessExecutorContract';
