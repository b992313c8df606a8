import { Table, type TableColumn } from '@backstage/core-components';
import type { GrantAuditEntry } from '@scale-readiness/plugin-scale-readiness-common';
import { shortRef } from './grantFormat';

/** The team's append-only grant audit log (newest first). */
export const AuditLog = ({ entries }: { entries: GrantAuditEntry[] }) => {
  const columns: TableColumn<GrantAuditEntry>[] = [
    { title: 'When', render: e => new Date(e.at).toLocaleString() },
    {
      title: 'Who',
      render: e =>
        e.actor.startsWith('system:') ? e.actor : shortRef(e.actor),
    },
    { title: 'What', field: 'action' },
    {
      title: 'State',
      render: e =>
        e.fromState === e.toState
          ? e.toState
          : `${e.fromState ?? '–'} → ${e.toState}`,
    },
    { title: 'Grant', render: e => e.grantId.slice(0, 8) },
    {
      title: 'Details',
      render: e => {
        const d = e.details ?? {};
        const text = (d.summary ??
          d.error ??
          d.message ??
          d.reason ??
          d.justification) as string | undefined;
        return text ?? '';
      },
    },
  ];
  return (
    <Table<GrantAuditEntry>
      title="Audit log"
      options={{
        paging: entries.length > 20,
        pageSize: 20,
        search: false,
        padding: 'dense',
      }}
      columns={columns}
      data={entries}
    />
  );
};
