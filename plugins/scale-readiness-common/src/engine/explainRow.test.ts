import { explainRow } from './explainRow';

const link = {
  entityRef: 'resource:default/inventory-db',
  checkId: 'quotas.headroom',
  headroom: 1.4,
  message:
    "Weakest quota limit: quota 'inventory table write capacity' (aws:dynamodb:wcu), 1080 of 1500 …",
};

describe('explainRow', () => {
  it('explains a scorecard row scoring 100 at bronze by its chain', () => {
    const e = explainRow(
      {
        level: 'bronze',
        score: 100,
        coverage: 1,
        chainHeadroom: 1.4,
        weakestLink: link,
        failing: [],
      },
      3,
      undefined,
      { displayName: () => 'Inventory table' },
    );
    expect(e.text).toBe(
      'Bronze because the chain breaks at 1.4× at Inventory table (inventory table write capacity), below the 3× target.',
    );
  });

  it('reads unwaived failing findings of a review snapshot', () => {
    const e = explainRow(
      {
        level: 'silver',
        score: 92,
        coverage: 1,
        chainHeadroom: null,
        findings: [
          {
            checkId: 'docs.runbook',
            title: 'Runbook linked',
            dimension: 'docs',
            severity: 'medium',
            status: 'fail',
          },
          {
            checkId: 'docs.techdocs',
            title: 'TechDocs',
            dimension: 'docs',
            severity: 'medium',
            status: 'fail',
            waived: { reason: 'x' },
          },
        ],
      },
      3,
    );
    expect(e.text).toBe('Silver because Docs fails (Runbook linked).');
  });
});
