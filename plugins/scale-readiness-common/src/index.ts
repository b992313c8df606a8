/**
 * Isomorphic types, check catalogue and pure evaluation engine for Scale Readiness.
 * @packageDocumentation
 */
export * from './annotations';
export * from './facts';
export * from './results';
export * from './api';
export * from './compact';
export * from './config';
export * from './customCheckConfig';
export * from './growth';
export * from './engine';
export * from './merge';
export * from './permissions';
export * from './reviews';
export * from './actionGroups';
export * from './grants';
export * from './accessRequests';
export * from './plans';
export * from './apiRoutes';
export * from './csv';
