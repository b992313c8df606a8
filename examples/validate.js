#!/usr/bin/env node
/*
 * Validates the Northwind Market demo organisation in examples/.
 *
 *   node examples/validate.js          prints a summary, exits 1 on any problem
 *   require('./examples/validate.js').validate()  -> Promise<{ problems, summary }>
 *
 * Checks:
 *  - all.yaml is a Location whose targets are exactly the catalog files here;
 *  - every catalog file parses and every entity passes the catalog's own
 *    policies and kind validators (@backstage/catalog-model);
 *  - entity refs (owner, system, dependsOn, APIs, parent/children, memberOf)
 *    resolve, except the deliberately unresolved owners listed in INTENTIONAL;
 *  - scale-readiness.io/* annotation values have the documented shape;
 *  - every manifests folder exists and every manifest parses, except the
 *    deliberate broken cases, which must stay broken;
 *  - the demo still exercises the scenarios examples/README.md promises.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const model = require('@backstage/catalog-model');
const {
  PREFIX,
  MANIFEST_ROOT,
  INTENTIONAL,
  readYamlDocs,
  refOf,
  parseRef,
} = require('./lib/common');
const { checkAnnotations } = require('./lib/annotations');
const { checkManifests } = require('./lib/manifests');
const { scenarios } = require('./lib/scenarios');

const ROOT = __dirname;

async function validate() {
  const problems = [];
  const report = msg => problems.push(msg);
  const found = {
    brokenManifestFiles: [],
    danglingScalers: [],
    missingManifestFolders: [],
    workloads: [],
    scalers: [],
    pdbs: [],
    quotas: [],
  };

  // 1. The single Location and its targets.
  const all = readYamlDocs(path.join(ROOT, 'all.yaml'));
  const location = all.values[0];
  if (all.errors.length || !location || location.kind !== 'Location') {
    return { problems: ['all.yaml must hold one kind: Location'], summary: {} };
  }
  const targets = location.spec.targets.map(t => path.normalize(t));
  const onDisk = fs
    .readdirSync(ROOT)
    .filter(f => f.endsWith('.yaml') && f !== 'all.yaml')
    .sort();
  onDisk
    .filter(f => !targets.includes(f))
    .forEach(f => report(`${f} is not listed in all.yaml`));
  targets
    .filter(t => !onDisk.includes(t))
    .forEach(t => report(`all.yaml target ${t} does not exist`));

  // 2. Parse and validate every entity like the catalog would.
  const policy = model.EntityPolicies.allOf([
    new model.DefaultNamespaceEntityPolicy(),
    new model.NoForeignRootFieldsEntityPolicy(),
    new model.FieldFormatEntityPolicy(),
    new model.SchemaValidEntityPolicy(),
  ]);
  const validators = [
    model.apiEntityV1alpha1Validator,
    model.componentEntityV1alpha1Validator,
    model.domainEntityV1alpha1Validator,
    model.groupEntityV1alpha1Validator,
    model.locationEntityV1alpha1Validator,
    model.resourceEntityV1alpha1Validator,
    model.systemEntityV1alpha1Validator,
    model.userEntityV1alpha1Validator,
  ];
  const entities = new Map();
  const fileOf = new Map();
  for (const file of [...targets.filter(t => onDisk.includes(t)), 'all.yaml']) {
    const { errors, values } = readYamlDocs(path.join(ROOT, file));
    errors.forEach(e => report(`${file}: YAML error: ${e}`));
    for (const raw of values) {
      const name = (raw.metadata && raw.metadata.name) || '?';
      let entity;
      try {
        entity = await policy.enforce(raw);
        let matched = false;
        for (const v of validators) if (await v.check(entity)) matched = true;
        if (!matched) throw new Error(`unsupported kind ${raw.kind}`);
      } catch (e) {
        report(`${file}: ${raw.kind}/${name}: ${e.message}`);
        continue;
      }
      const ref = refOf(entity);
      if (entities.has(ref)) report(`${file}: duplicate entity ${ref}`);
      entities.set(ref, entity);
      fileOf.set(ref, file);
    }
  }
  const ofKind = kind => [...entities.values()].filter(e => e.kind === kind);

  // 3. References.
  const found_unresolved = [];
  const mustExist = (from, ref, defaultKind, what) => {
    let full;
    try {
      full = parseRef(ref, defaultKind);
    } catch (e) {
      report(`${from}: bad ${what} ref "${ref}"`);
      return undefined;
    }
    if (!entities.has(full)) {
      if (what === 'owner' && INTENTIONAL.unresolvedOwners.includes(full))
        found_unresolved.push(full);
      else report(`${from}: ${what} ${full} is not in the catalog`);
      return undefined;
    }
    return full;
  };
  const userOwned = [];
  for (const [ref, e] of entities) {
    const s = e.spec || {};
    if (s.owner) {
      const owner = mustExist(ref, s.owner, 'Group', 'owner');
      if (owner && owner.startsWith('user:')) userOwned.push(ref);
      else if (owner && !owner.startsWith('group:'))
        report(`${ref}: owner ${owner} is neither Group nor User`);
    }
    if (s.system) mustExist(ref, s.system, 'System', 'system');
    (s.dependsOn || []).forEach(d => mustExist(ref, d, undefined, 'dependsOn'));
    (s.dependencyOf || []).forEach(d =>
      mustExist(ref, d, undefined, 'dependencyOf'),
    );
    (s.providesApis || []).forEach(d =>
      mustExist(ref, d, 'API', 'providesApis'),
    );
    (s.consumesApis || []).forEach(d =>
      mustExist(ref, d, 'API', 'consumesApis'),
    );
    if (e.kind === 'Group') {
      if (s.parent) {
        const p = mustExist(ref, s.parent, 'Group', 'parent');
        const parent = p && entities.get(p);
        if (
          parent &&
          !parent.spec.children.some(c => parseRef(c, 'Group') === ref)
        ) {
          report(`${ref}: parent ${p} does not list it in children`);
        }
      }
      s.children.forEach(c => {
        const child = mustExist(ref, c, 'Group', 'child');
        if (
          child &&
          parseRef(entities.get(child).spec.parent || '', 'Group') !== ref
        ) {
          report(`${ref}: child ${child} has a different parent`);
        }
      });
    }
    if (e.kind === 'User')
      (s.memberOf || []).forEach(g => mustExist(ref, g, 'Group', 'memberOf'));
    checkAnnotations(e, report);
  }
  const sameSet = (a, b) =>
    [...new Set(a)].sort().join() === [...new Set(b)].sort().join();
  if (!sameSet(found_unresolved, INTENTIONAL.unresolvedOwners)) {
    report(
      `expected unresolved owners ${INTENTIONAL.unresolvedOwners}, found ${found_unresolved}`,
    );
  }
  if (!sameSet(userOwned, INTENTIONAL.userOwned)) {
    report(`expected user-owned ${INTENTIONAL.userOwned}, found ${userOwned}`);
  }

  // 4. Champions: resolve against users and membership.
  const members = new Map();
  ofKind('User').forEach(u =>
    (u.spec.memberOf || []).forEach(g => {
      const gref = parseRef(g, 'Group');
      members.set(gref, [...(members.get(gref) || []), refOf(u)]);
    }),
  );
  const invalidChampions = [];
  const championCounts = [];
  for (const g of ofKind('Group')) {
    const raw =
      g.metadata.annotations && g.metadata.annotations[`${PREFIX}champions`];
    const list = raw
      ? raw
          .split(',')
          .map(s => s.trim())
          .filter(Boolean)
      : [];
    let valid = 0;
    for (const c of list) {
      const uref = parseRef(c, 'User');
      if ((members.get(refOf(g)) || []).includes(uref)) valid += 1;
      else
        invalidChampions.push(
          `${g.metadata.name}:${model.parseEntityRef(uref).name}`,
        );
    }
    if (g.spec.type === 'team') championCounts.push(valid);
  }
  if (!sameSet(invalidChampions, INTENTIONAL.invalidChampions)) {
    report(
      `expected invalid champions ${INTENTIONAL.invalidChampions}, found ${invalidChampions}`,
    );
  }

  // 5. Manifests.
  const referenced = new Set();
  for (const c of ofKind('Component')) {
    const target =
      c.metadata.annotations && c.metadata.annotations[`${PREFIX}manifests`];
    if (!target) continue;
    const dir = path.resolve(ROOT, path.dirname(fileOf.get(refOf(c))), target);
    const folder = path.relative(MANIFEST_ROOT, dir);
    referenced.add(folder);
    if (!fs.existsSync(dir)) {
      found.missingManifestFolders.push(folder);
      if (!INTENTIONAL.missingManifestFolders.includes(folder)) {
        report(`${refOf(c)}: manifests folder ${target} does not exist`);
      }
      continue;
    }
    checkManifests(c, dir, report, found);
  }
  fs.readdirSync(MANIFEST_ROOT)
    .filter(d => !referenced.has(d))
    .forEach(d => report(`manifests/${d} is not referenced by any component`));
  for (const key of [
    'brokenManifestFiles',
    'danglingScalers',
    'missingManifestFolders',
  ]) {
    if (!sameSet(found[key], INTENTIONAL[key])) {
      report(`expected ${key} ${INTENTIONAL[key]}, found ${found[key]}`);
    }
  }

  // 6. The scenarios the README promises are still there.
  const components = ofKind('Component');
  const expectations = scenarios(ofKind, found, championCounts);
  expectations
    .filter(([, ok]) => !ok)
    .forEach(([what]) => report(`demo scenario missing: ${what}`));

  const summary = {
    files: targets.length + 1,
    entities: entities.size,
    groups: ofKind('Group').length,
    users: ofKind('User').length,
    systems: ofKind('System').length,
    components: components.length,
    apis: ofKind('API').length,
    resources: ofKind('Resource').length,
    manifestFolders: referenced.size - found.missingManifestFolders.length,
    workloads: found.workloads.length,
    scalers: found.scalers.length,
    scenarios: `${expectations.filter(([, ok]) => ok).length}/${
      expectations.length
    }`,
  };
  return { problems, summary };
}

module.exports = { validate, INTENTIONAL };

if (require.main === module) {
  validate().then(
    ({ problems, summary }) => {
      console.log(
        `examples: ${Object.entries(summary)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}`,
      );
      console.log(
        `intentional defects: ${
          Object.values(INTENTIONAL).flat().length
        } (see INTENTIONAL in lib/common.js)`,
      );
      if (problems.length) {
        problems.forEach(p => console.error(`PROBLEM: ${p}`));
        console.error(`${problems.length} problem(s)`);
        process.exitCode = 1;
      } else {
        console.log('OK');
      }
    },
    err => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
