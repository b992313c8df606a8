import type { Entity } from '@backstage/catalog-model';
import { buildWorkloadSet } from '@scale-readiness/plugin-scale-readiness-facts';
import type { KubernetesDocument } from '../input/classify';
import { parseYamlFile } from '../input/yamlFile';
import { componentSelection } from './componentSelector';
import { KubernetesIndex } from './KubernetesIndex';

function docs(path: string, text: string): KubernetesDocument[] {
  const file = parseYamlFile(path, text);
  return file.documents
    .filter(d => d.value)
    .map(document => ({
      value: document.value as Record<string, unknown>,
      file,
      document,
    }));
}

function deployment(
  name: string,
  ns: string | undefined,
  labels: string,
  podLabels: string,
) {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}${
    ns ? `, namespace: ${ns}` : ''
  }, labels: { ${labels} } }
spec:
  template:
    metadata: { labels: { ${podLabels} } }
    spec: { containers: [{ name: app }] }
`;
}

const objects = [
  ...docs(
    '/m/cart.yaml',
    [
      deployment(
        'cart',
        'shop',
        "'backstage.io/kubernetes-id': cart",
        'app: cart',
      ),
      `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: cart, namespace: shop }
spec: { scaleTargetRef: { kind: Deployment, name: cart }, minReplicas: 2, maxReplicas: 6 }`,
      `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: cart, namespace: shop }
spec: { maxUnavailable: 1, selector: { matchLabels: { app: cart } } }`,
      `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: cart-other-ns, namespace: elsewhere }
spec: { maxUnavailable: 1, selector: { matchLabels: { app: cart } } }`,
      `apiVersion: v1
kind: ResourceQuota
metadata: { name: compute, namespace: shop }
spec: { hard: { requests.cpu: "10" } }`,
    ].join('\n---\n'),
  ),
  ...docs(
    '/m/search.yaml',
    [
      // Labelled on the pod template only, and listed inside a List.
      `apiVersion: v1
kind: List
items:
  - ${deployment(
    'search',
    'find',
    'app: search',
    "'backstage.io/kubernetes-id': search, tier: api",
  )
    .split('\n')
    .join('\n    ')}`,
      deployment(
        'search',
        'other',
        'app: search',
        "'backstage.io/kubernetes-id': search, tier: api",
      ),
      // A scaler carrying the component label but targeting nothing: dangling.
      `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: { name: search-old, namespace: find, labels: { 'backstage.io/kubernetes-id': search } }
spec: { scaleTargetRef: { name: search-v1 } }`,
    ].join('\n---\n'),
  ),
];

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'x', annotations },
    spec: {},
  };
}

function select(annotations: Record<string, string>) {
  const selection = componentSelection(entity(annotations));
  return selection ? new KubernetesIndex(objects).select(selection) : undefined;
}

describe('KubernetesIndex', () => {
  it('links a workload by its backstage.io/kubernetes-id label, with its HPA, PDB and quota', () => {
    const selected = select({ 'backstage.io/kubernetes-id': 'cart' })!;
    const names = selected.map(o => (o.value as any).metadata.name);
    expect(names).toEqual(['cart', 'cart', 'cart', 'compute']);
    expect(selected[0]).toMatchObject({ path: '/m/cart.yaml', line: 1 });
    const { facts, errors } = buildWorkloadSet(selected);
    expect(errors).toEqual([]);
    expect(facts.workloads[0].scalers.map(s => s.name)).toEqual(['cart']);
    expect(facts.workloads[0].pdbs.map(p => p.name)).toEqual(['cart']);
    expect(facts.resourceQuotas.map(q => q.name)).toEqual(['compute']);
  });

  it('matches pod template labels, splits Lists and honours the namespace annotation', () => {
    const all = select({ 'backstage.io/kubernetes-id': 'search' })!;
    expect(
      all.map(
        o => `${(o.value as any).kind}/${(o.value as any).metadata.namespace}`,
      ),
    ).toEqual(['Deployment/find', 'Deployment/other', 'ScaledObject/find']);
    const scoped = select({
      'backstage.io/kubernetes-id': 'search',
      'backstage.io/kubernetes-namespace': 'find',
    })!;
    const { facts } = buildWorkloadSet(scoped);
    expect(facts.workloads.map(w => `${w.name}/${w.namespace}`)).toEqual([
      'search/find',
    ]);
    expect(facts.danglingScalers.map(s => s.name)).toEqual(['search-old']);
  });

  it('uses backstage.io/kubernetes-label-selector instead of the id when set', () => {
    const selected = select({
      'backstage.io/kubernetes-id': 'cart',
      'backstage.io/kubernetes-label-selector':
        'tier in (api),backstage.io/kubernetes-id=search',
    })!;
    expect(
      buildWorkloadSet(selected).facts.workloads.map(w => w.namespace),
    ).toEqual(['find', 'other']);
    // Like a Kubernetes label selector, all requirements hold on one object's
    // labels (here app=search is on the Deployment, tier=api on its pods).
    expect(
      select({
        'backstage.io/kubernetes-label-selector': 'tier=api,app=search',
      }),
    ).toEqual([]);
    expect(
      select({ 'backstage.io/kubernetes-label-selector': 'app=nothing' }),
    ).toEqual([]);
  });

  it('links nothing without the annotations and refuses an invalid selector', () => {
    expect(select({})).toBeUndefined();
    expect(() =>
      select({ 'backstage.io/kubernetes-label-selector': 'a==b==c' }),
    ).toThrow(/backstage.io\/kubernetes-label-selector: invalid label value/);
  });
});
