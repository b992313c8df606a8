import { parse as parseYaml } from 'yaml';

/** One cluster-autoscaler node group as read from its status ConfigMap. @public */
export interface AutoscalerNodeGroup {
  name: string;
  minSize?: number;
  maxSize: number;
  /**
   * Nodes the group has now: the cloud provider's target size when reported
   * (what the autoscaler already asked for), else the registered nodes.
   */
  currentSize: number;
  /** Registered nodes, when reported. */
  registered?: number;
  /** Health status (`Healthy`, `Unhealthy`). */
  health?: string;
}

/** The parsed status ConfigMap. @public */
export interface AutoscalerStatus {
  format: 'yaml' | 'text';
  /** `time` of the status (as written), when present. */
  time?: string;
  nodeGroups: AutoscalerNodeGroup[];
}

function toInt(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) {
    return Number(value.trim());
  }
  return undefined;
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {};

/**
 * YAML status (cluster-autoscaler 1.30 and later):
 * `nodeGroups[].health.{nodeCounts.registered.total, cloudProviderTarget,
 * minSize, maxSize}`.
 */
function parseYamlStatus(doc: Obj): AutoscalerStatus {
  const groups = Array.isArray(doc.nodeGroups) ? doc.nodeGroups : [];
  const nodeGroups: AutoscalerNodeGroup[] = [];
  groups.forEach((g, index) => {
    const group = asObj(g);
    const health = asObj(group.health);
    const registered = toInt(asObj(asObj(health.nodeCounts).registered).total);
    const target = toInt(health.cloudProviderTarget);
    const maxSize = toInt(health.maxSize);
    const name =
      typeof group.name === 'string' && group.name
        ? group.name
        : `group-${index + 1}`;
    if (maxSize === undefined) {
      throw new Error(`node group '${name}' has no health.maxSize`);
    }
    const current = target ?? registered;
    if (current === undefined) {
      throw new Error(
        `node group '${name}' reports neither cloudProviderTarget nor registered nodes`,
      );
    }
    const out: AutoscalerNodeGroup = { name, maxSize, currentSize: current };
    const minSize = toInt(health.minSize);
    if (minSize !== undefined) out.minSize = minSize;
    if (registered !== undefined) out.registered = registered;
    if (typeof health.status === 'string') out.health = health.status;
    nodeGroups.push(out);
  });
  const status: AutoscalerStatus = { format: 'yaml', nodeGroups };
  if (typeof doc.time === 'string') status.time = doc.time;
  return status;
}

const TEXT_HEADER = /^Cluster-autoscaler status at (.+?):\s*$/m;

/** `key=value` pairs of a condition message (`ready=3 … (minSize=1, maxSize=5)`). */
function pairs(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const match of text.matchAll(/([A-Za-z]+)=(\d+)/g)) {
    out[match[1]] = Number(match[2]);
  }
  return out;
}

/**
 * Text status (before 1.30): a `NodeGroups:` section where each group has a
 * `Name:` line and a `Health:` line such as
 * `Health: Healthy (ready=3 … registered=3 … cloudProviderTarget=3 (minSize=1, maxSize=5))`.
 */
function parseTextStatus(text: string): AutoscalerStatus {
  const status: AutoscalerStatus = { format: 'text', nodeGroups: [] };
  const header = TEXT_HEADER.exec(text);
  if (header) status.time = header[1].trim();
  const start = text.search(/^NodeGroups:\s*$/m);
  if (start < 0) return status; // no node group is managed
  let current: { name?: string } | undefined;
  const lines = text.slice(start).split('\n').slice(1);
  for (const line of lines) {
    const name = /^\s*Name:\s+(\S+)/.exec(line);
    if (name) {
      current = { name: name[1] };
      continue;
    }
    const health = /^\s*Health:\s+(\S+)\s*\((.*)\)\s*$/.exec(line);
    if (!health) continue;
    const values = pairs(health[2]);
    const groupName = current?.name ?? `group-${status.nodeGroups.length + 1}`;
    if (values.maxSize === undefined) {
      throw new Error(
        `node group '${groupName}' has no maxSize in its Health line`,
      );
    }
    const currentSize = values.cloudProviderTarget ?? values.registered;
    if (currentSize === undefined) {
      throw new Error(
        `node group '${groupName}' reports neither cloudProviderTarget nor registered nodes`,
      );
    }
    const group: AutoscalerNodeGroup = {
      name: groupName,
      maxSize: values.maxSize,
      currentSize,
      health: health[1],
    };
    if (values.minSize !== undefined) group.minSize = values.minSize;
    if (values.registered !== undefined) group.registered = values.registered;
    status.nodeGroups.push(group);
    current = undefined;
  }
  return status;
}

/**
 * Parses `data.status` of the cluster-autoscaler status ConfigMap
 * (`kube-system/cluster-autoscaler-status`), in the YAML format written since
 * cluster-autoscaler 1.30 or the older human-readable text format. Throws
 * when the text is in neither format or a node group lacks its sizes.
 * @public
 */
export function parseClusterAutoscalerStatus(text: string): AutoscalerStatus {
  if (TEXT_HEADER.test(text) || /^\s*Cluster-wide:\s*$/m.test(text)) {
    return parseTextStatus(text);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new Error(
      `status is neither the YAML nor the text format: ${
        e instanceof Error ? e.message.split('\n')[0] : String(e)
      }`,
    );
  }
  const obj = asObj(doc);
  if (
    !('nodeGroups' in obj) &&
    !('clusterWide' in obj) &&
    !('autoscalerStatus' in obj)
  ) {
    throw new Error('status is neither the YAML nor the text format');
  }
  return parseYamlStatus(obj);
}
