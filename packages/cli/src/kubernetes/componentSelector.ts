import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
} from '@scale-readiness/plugin-scale-readiness-common';
import type { Selection } from './KubernetesIndex';
import { parseLabelSelector } from './parseLabelSelector';

function annotation(entity: Entity, name: string): string | undefined {
  const value = entity.metadata.annotations?.[name];
  return typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : undefined;
}

/** How a component selects its Kubernetes objects, as text for messages. */
export interface ComponentSelection extends Selection {
  description: string;
}

/**
 * The label selector of a component, as the Backstage Kubernetes plugin
 * builds it: `backstage.io/kubernetes-label-selector` when set, else
 * `backstage.io/kubernetes-id=<id>` from the `backstage.io/kubernetes-id`
 * annotation; `backstage.io/kubernetes-namespace` limits it to a namespace.
 * Undefined when the entity has neither annotation (the plugin's frontend
 * shows nothing for it either). Throws on an invalid selector.
 */
export function componentSelection(
  entity: Entity,
): ComponentSelection | undefined {
  const labelSelector = annotation(
    entity,
    ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  );
  const id = annotation(entity, ANNOTATION_KUBERNETES_ID);
  const namespace = annotation(entity, ANNOTATION_KUBERNETES_NAMESPACE);
  let selection: ComponentSelection | undefined;
  if (labelSelector) {
    let selector;
    try {
      selector = parseLabelSelector(labelSelector);
    } catch (e) {
      throw new Error(
        `${ANNOTATION_KUBERNETES_LABEL_SELECTOR}: ${
          e instanceof Error ? e.message : String(e)
        }`,
      );
    }
    if (!selector) return undefined;
    selection = { selector, description: labelSelector };
  } else if (id) {
    selection = {
      selector: { matchLabels: { [ANNOTATION_KUBERNETES_ID]: id } },
      description: `${ANNOTATION_KUBERNETES_ID}=${id}`,
    };
  } else {
    return undefined;
  }
  if (namespace) {
    selection.namespace = namespace;
    selection.description += ` in namespace ${namespace}`;
  }
  return selection;
}
