/* Shape checks for scale-readiness.io annotation values (see docs/annotations.md). */
'use strict';

const {
  PREFIX,
  refOf,
  isNumber,
  isIsoDate,
  isUrl,
  parseStructured,
} = require('./common');

const KNOWN_ANNOTATIONS = [
  'champions',
  'manifests',
  'peak-replicas',
  'quotas',
  'runbook',
  'onboarding',
  'load-test-report',
  'load-test-date',
  'docs-updated',
  'node-capacity',
  'serverless',
  'ci-capacity',
  'runner-groups',
  'peak-request-rate',
  'growth-factor',
];

/** Shape checks for every scale-readiness.io annotation value. */
function checkAnnotations(entity, report) {
  const ann = (entity.metadata && entity.metadata.annotations) || {};
  for (const [key, raw] of Object.entries(ann)) {
    if (!key.startsWith(PREFIX)) continue;
    const name = key.slice(PREFIX.length);
    const where = `${refOf(entity)} ${key}`;
    if (!KNOWN_ANNOTATIONS.includes(name)) {
      report(`${where}: unknown scale-readiness annotation`);
      continue;
    }
    if (['runbook', 'onboarding'].includes(name) && !isUrl(raw)) {
      report(`${where}: not a URL: ${raw}`);
    }
    // a URL, or a report file next to the catalog file (k6 / Gatling JSON)
    if (
      name === 'load-test-report' &&
      !isUrl(raw) &&
      !/^\.\/[\w./-]+\.json$/.test(raw)
    ) {
      report(`${where}: not a URL nor a ./relative .json report: ${raw}`);
    }
    if (
      ['peak-request-rate', 'growth-factor'].includes(name) &&
      !(Number(raw) > 0)
    ) {
      report(`${where}: not a number above 0: ${raw}`);
    }
    if (['docs-updated', 'load-test-date'].includes(name) && !isIsoDate(raw)) {
      report(`${where}: not an ISO date (YYYY-MM-DD): ${raw}`);
    }
    if (name === 'peak-replicas' && !/^[1-9]\d*$/.test(raw)) {
      report(`${where}: not a positive integer: ${raw}`);
    }
    if (
      name === 'champions' &&
      !raw.split(',').every(s => s.trim().length > 0)
    ) {
      report(`${where}: empty entry in champions list`);
    }
    if (
      ['quotas', 'node-capacity', 'serverless', 'ci-capacity'].includes(name)
    ) {
      const { value, error } = parseStructured(raw);
      if (error) {
        report(`${where}: does not parse: ${error}`);
        continue;
      }
      const problems = structuredProblems(name, value, entity);
      problems.forEach(p => report(`${where}: ${p}`));
    }
  }
}

function structuredProblems(name, v, entity) {
  const out = [];
  const obj = x => x && typeof x === 'object' && !Array.isArray(x);
  if (name === 'quotas') {
    if (!Array.isArray(v) || v.length === 0)
      return ['must be a non-empty list'];
    v.forEach((q, i) => {
      if (!obj(q) || typeof q.name !== 'string')
        out.push(`quota #${i + 1} has no name`);
      else if (!isNumber(q.limit) || !(q.limit > 0) || !isNumber(q.peak)) {
        out.push(`quota "${q.name}" needs numeric limit > 0 and peak`);
      }
      if (obj(q) && q.increaseUrl !== undefined && !isUrl(q.increaseUrl)) {
        out.push(`quota "${q.name}" increaseUrl is not a URL`);
      }
    });
  } else if (name === 'node-capacity') {
    if (entity.spec.type !== 'kubernetes-cluster')
      out.push('only valid on type kubernetes-cluster');
    const groups = obj(v) && Array.isArray(v.nodeGroups) ? v.nodeGroups : [];
    const pools = obj(v) && Array.isArray(v.nodePools) ? v.nodePools : [];
    const none = obj(v) && v.nodeAutoscaler === 'none';
    if (obj(v) && v.nodeAutoscaler !== undefined && !none)
      out.push('nodeAutoscaler can only be none');
    if (groups.length + pools.length === 0 && !none)
      out.push('needs nodeGroups, nodePools or nodeAutoscaler: none');
    groups.forEach(g => {
      if (!g.name || !isNumber(g.maxSize) || !isNumber(g.currentSize)) {
        out.push(`node group ${g.name}: needs name, maxSize, currentSize`);
      } else if (g.currentSize > g.maxSize) {
        out.push(`node group ${g.name}: currentSize above maxSize`);
      }
    });
    pools.forEach(p => {
      if (!p.name || !obj(p.usage) || !isNumber(p.usage.cpu)) {
        out.push(`node pool ${p.name}: needs name and usage.cpu`);
      }
      if (
        p.limits !== undefined &&
        !(obj(p.limits) && isNumber(p.limits.cpu))
      ) {
        out.push(`node pool ${p.name}: limits.cpu must be a number`);
      }
    });
  } else if (name === 'serverless') {
    if (
      !obj(v) ||
      typeof v.functionName !== 'string' ||
      !isNumber(v.peakConcurrency)
    ) {
      out.push('needs functionName and numeric peakConcurrency');
    } else if (
      v.reservedConcurrency === undefined &&
      v.accountConcurrency === undefined
    ) {
      out.push('needs reservedConcurrency or accountConcurrency');
    }
  } else if (name === 'ci-capacity') {
    if (!obj(v) || !isNumber(v.maxRunners) || !isNumber(v.peakConcurrentJobs)) {
      out.push('needs numeric maxRunners and peakConcurrentJobs');
    }
  }
  return out;
}

module.exports = { checkAnnotations, KNOWN_ANNOTATIONS };
