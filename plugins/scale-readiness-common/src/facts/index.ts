/**
 * The fact model: what providers collect about an entity, before any check runs.
 * Everything here is plain JSON so it can be stored, hashed, sent to the browser
 * and re-evaluated there by the same engine.
 */
export * from './capacity';
export * from './entity';
export * from './team';
export * from './workloads';
