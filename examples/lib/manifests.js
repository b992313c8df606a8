/* Checks of the Kubernetes manifests folders referenced by components. */
'use strict';

const fs = require('fs');
const path = require('path');
const { MANIFEST_ROOT, INTENTIONAL, readYamlDocs, refOf } = require('./common');

/** Reads one manifests folder; returns parsed objects per file and parse failures. */
function readManifestFolder(dir) {
  const files = [];
  const walk = d => {
    for (const ent of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, ent.name);
      if (ent.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(ent.name)) files.push(p);
    }
  };
  walk(dir);
  return files.sort().map(file => ({ file, ...readYamlDocs(file) }));
}

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet'];

function checkManifests(component, dir, report, found) {
  const ref = refOf(component);
  const folder = path.relative(MANIFEST_ROOT, dir);
  const kid = component.metadata.annotations['backstage.io/kubernetes-id'];
  if (!kid)
    report(
      `${ref}: has manifests but no backstage.io/kubernetes-id annotation`,
    );
  const parsed = readManifestFolder(dir);
  if (parsed.length === 0)
    report(`${ref}: manifests folder ${folder} has no YAML files`);
  const objects = [];
  for (const f of parsed) {
    const rel = path.relative(MANIFEST_ROOT, f.file);
    if (f.errors.length) {
      found.brokenManifestFiles.push(rel);
      if (!INTENTIONAL.brokenManifestFiles.includes(rel)) {
        report(`manifests/${rel}: YAML error: ${f.errors[0]}`);
      }
      continue;
    }
    if (INTENTIONAL.brokenManifestFiles.includes(rel)) continue;
    f.values.forEach(o => {
      if (!o.apiVersion || !o.kind || !o.metadata || !o.metadata.name) {
        report(
          `manifests/${rel}: document without apiVersion/kind/metadata.name`,
        );
      } else objects.push({ ...o, file: rel });
    });
  }
  const workloads = objects.filter(o => WORKLOAD_KINDS.includes(o.kind));
  if (workloads.length === 0 && !parsed.some(f => f.errors.length)) {
    report(`${ref}: no Deployment or StatefulSet in manifests/${folder}`);
  }
  for (const w of workloads) {
    const labels =
      (w.spec && w.spec.template && w.spec.template.metadata.labels) || {};
    if (labels['backstage.io/kubernetes-id'] !== kid) {
      report(
        `manifests/${w.file}: pod template label backstage.io/kubernetes-id must be ${kid}`,
      );
    }
    if (!labels['app.kubernetes.io/name']) {
      report(
        `manifests/${w.file}: pod template has no app.kubernetes.io/name label`,
      );
    }
    found.workloads.push({ ...w, component: ref });
  }
  for (const o of objects) {
    const isHpa = o.kind === 'HorizontalPodAutoscaler';
    const isKeda = o.kind === 'ScaledObject';
    if (isHpa && o.apiVersion !== 'autoscaling/v2')
      report(`manifests/${o.file}: HPA must be autoscaling/v2`);
    if (isKeda && o.apiVersion !== 'keda.sh/v1alpha1')
      report(`manifests/${o.file}: ScaledObject must be keda.sh/v1alpha1`);
    if (o.kind === 'PodDisruptionBudget' && o.apiVersion !== 'policy/v1')
      report(`manifests/${o.file}: PDB must be policy/v1`);
    // A folder with an unparsable file cannot tell whether a target is missing.
    if ((isHpa || isKeda) && !parsed.some(f => f.errors.length)) {
      const target = o.spec.scaleTargetRef.name;
      const targetKind = o.spec.scaleTargetRef.kind || 'Deployment';
      const exists = workloads.some(
        w => w.metadata.name === target && w.kind === targetKind,
      );
      const min = isHpa ? o.spec.minReplicas : o.spec.minReplicaCount;
      const max = isHpa ? o.spec.maxReplicas : o.spec.maxReplicaCount;
      found.scalers.push({ kind: o.kind, component: ref, min, max, exists });
      if (!exists) {
        found.danglingScalers.push(`${folder}/${target}`);
        if (!INTENTIONAL.danglingScalers.includes(`${folder}/${target}`)) {
          report(
            `manifests/${o.file}: scaleTargetRef ${targetKind}/${target} does not exist`,
          );
        }
      }
    }
    if (o.kind === 'PodDisruptionBudget')
      found.pdbs.push({ ...o, component: ref });
    if (o.kind === 'ResourceQuota') found.quotas.push(o);
  }
}

module.exports = { checkManifests };
