/**
 * Built-in fact building for Scale Readiness: catalog facts, Kubernetes
 * manifest parsing and load-test reports, shared by the backend plugin and the
 * `scale-readiness` CLI. Free of Backstage service wiring; extension points and
 * provider contracts live in `@scale-readiness/plugin-scale-readiness-node`.
 * @packageDocumentation
 */
export {};
