/* Shared helpers of examples/validate.js (CommonJS, no build step). */
'use strict';

const fs = require('fs');
const path = require('path');
const YAML = require('yaml');
const model = require('@backstage/catalog-model');

const PREFIX = 'scale-readiness.io/';
const MANIFEST_ROOT = path.join(__dirname, '..', 'manifests');

/** Deliberate defects of the demo; each must exist, nothing else may. */
const INTENTIONAL = {
  unresolvedOwners: [
    'group:default/growth-team',
    'group:default/community-team',
  ],
  userOwned: ['component:default/listings-service'],
  missingManifestFolders: ['seller-onboarding-service'],
  brokenManifestFiles: ['product-indexer/deployment.yaml'],
  danglingScalers: ['payouts-service/payouts-worker'],
  /** Champions that do not resolve to a member of the group. */
  invalidChampions: ['data-platform-team:jordan.blake', 'ml-team:oliver.grant'],
};

const readYamlDocs = file => {
  const text = fs.readFileSync(file, 'utf8');
  const docs = YAML.parseAllDocuments(text);
  const errors = docs.flatMap(d => d.errors.map(e => e.message.split('\n')[0]));
  return {
    errors,
    values: errors.length ? [] : docs.map(d => d.toJS()).filter(v => v != null),
  };
};

const refOf = (e, defaultKind) => {
  return model.stringifyEntityRef({
    kind: e.kind || defaultKind,
    namespace: (e.metadata && e.metadata.namespace) || 'default',
    name: e.metadata.name,
  });
};

const parseRef = (ref, defaultKind) =>
  model.stringifyEntityRef(
    model.parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
  );

const isNumber = v => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isIsoDate = v =>
  /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
const isUrl = v => {
  try {
    return ['https:', 'http:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};

function parseStructured(value) {
  try {
    return { value: YAML.parse(value) };
  } catch (e) {
    return { error: e.message.split('\n')[0] };
  }
}

module.exports = {
  PREFIX,
  MANIFEST_ROOT,
  INTENTIONAL,
  readYamlDocs,
  refOf,
  parseRef,
  isNumber,
  isIsoDate,
  isUrl,
  parseStructured,
};
