import { ResponseErrorPanel, Table } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { UnownedObject } from '@scale-readiness/plugin-scale-readiness-common';
import useAsync from 'react-use/esm/useAsync';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';

const TYPE_LABELS: Record<UnownedObject['type'], string> = {
  'dangling-autoscaler': 'Autoscaler without target',
  'orphan-pdb': 'PDB matching no pod',
  'unowned-quota': 'Quota nobody runs in',
};

/**
 * The org-level list of Kubernetes objects that match no component (issue
 * 16): dangling autoscalers, PodDisruptionBudgets whose selector matches no
 * pod, ResourceQuotas of namespaces no component runs in, each with the
 * entity and source it was read with. Renders nothing while loading and when
 * there is none, so the overview stays as it is for a tidy organisation.
 */
export const UnownedObjectsTable = () => {
  const api = useApi(scaleReadinessApiRef);
  const { value, error } = useAsync(() => api.getUnownedObjects(), [api]);
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.objects.length === 0) return null;
  return (
    <Table<UnownedObject>
      title={`Objects that match no component (${value.objects.length})`}
      subtitle="Read with a component's manifests or live objects, but used by none: fix or delete them."
      data={value.objects}
      options={{
        paging: value.objects.length > 20,
        pageSize: 20,
        search: false,
        padding: 'dense',
      }}
      columns={[
        {
          title: 'Type',
          field: 'type',
          render: o => TYPE_LABELS[o.type] ?? o.type,
        },
        {
          title: 'Object',
          field: 'name',
          render: o =>
            `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`,
        },
        {
          title: 'Found with',
          field: 'foundOn',
          render: o => <EntityRefLink entityRef={o.foundOn} />,
        },
        {
          title: 'Source',
          field: 'source',
          render: o => (o.location ? `${o.source}: ${o.location}` : o.source),
        },
        { title: 'Why', field: 'message', sorting: false },
      ]}
    />
  );
};
