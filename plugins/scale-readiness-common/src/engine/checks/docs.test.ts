import {
  apiDefinitionCheck,
  loadTestCheck,
  onboardingCheck,
  runbookCheck,
  techdocsCheck,
  techdocsFreshCheck,
} from './docs';
import {
  bare,
  docs,
  ok,
  ownership,
  run,
  service,
} from '../__testUtils__/builders';

const withDocs = (d: Parameters<typeof docs>[0]) =>
  service('component:default/api', { docs: docs(d) });

describe('docs.techdocs', () => {
  it('fails without techdocs-ref, unknown without docs facts on a Component', () => {
    const outcome = run(techdocsCheck, withDocs({ techdocsRef: undefined }));
    expect(outcome.status).toBe('fail');
    expect(outcome.remediation).toContain('backstage.io/techdocs-ref');
    expect(
      run(techdocsCheck, service('component:default/api', { docs: undefined }))
        .status,
    ).toBe('unknown');
  });

  it('applies to libraries and APIs but not to Resources', () => {
    expect(
      run(
        techdocsCheck,
        service('component:default/lib', {
          type: 'library',
          docs: docs({ techdocsRef: undefined }),
        }),
      ).status,
    ).toBe('fail');
    expect(
      run(techdocsCheck, bare('api:default/a', 'API', { docs: docs() })).status,
    ).toBe('pass');
    expect(
      run(techdocsCheck, bare('resource:default/db', 'Resource')).status,
    ).toBe('not-applicable');
  });
});

describe('docs.techdocs-fresh', () => {
  it('warns when older than docsMaxAgeDays', () => {
    const outcome = run(
      techdocsFreshCheck,
      withDocs({ techdocsUpdatedAt: '2025-01-01T00:00:00Z' }),
    );
    expect(outcome.status).toBe('warn');
    expect(outcome.message).toContain(
      '2025-01-01T00:00:00Z, more than 180 days ago',
    );
  });

  it('reads the TechDocs build timestamp first, the annotation as fallback (issue 16, item 6)', () => {
    const built = (builtAt: string, annotation?: string) =>
      service('component:default/api', {
        docs: docs({ techdocsUpdatedAt: annotation }),
        techdocsBuild: ok(
          { builtAt },
          {
            source: 'techdocs',
            location: 'techdocs/default/component/api/techdocs_metadata.json',
          },
        ),
      });
    // The build is recent although the annotation is stale: pass.
    const fresh = run(
      techdocsFreshCheck,
      built('2026-11-01T09:00:00.000Z', '2024-01-01'),
    );
    expect(fresh.status).toBe('pass');
    expect(fresh.message).toContain('built on 2026-11-01T09:00:00.000Z');
    expect(fresh.evidence?.[0].source).toBe('techdocs');
    // An old build warns, whatever the annotation says.
    const old = run(
      techdocsFreshCheck,
      built('2025-01-01T00:00:00.000Z', '2026-11-20'),
    );
    expect(old.status).toBe('warn');
    expect(old.message).toContain('built on 2025-01-01T00:00:00.000Z');
    // Metadata unreadable: the annotation applies, and the message says why.
    const fallback = run(
      techdocsFreshCheck,
      service('component:default/api', {
        docs: docs({ techdocsUpdatedAt: '2026-11-20' }),
        techdocsBuild: {
          status: 'error',
          error: 'TechDocs metadata: 503 Service Unavailable',
          source: 'techdocs',
          collectedAt: '2026-11-25T00:00:00.000Z',
        },
      }),
    );
    expect(fallback.status).toBe('pass');
    expect(fallback.message).toContain('2026-11-20');
    expect(fallback.message).toContain('503 Service Unavailable');
    // Neither: unknown with the metadata error.
    const none = run(
      techdocsFreshCheck,
      service('component:default/api', {
        docs: docs({ techdocsUpdatedAt: undefined }),
        techdocsBuild: {
          status: 'error',
          error: 'TechDocs metadata: 503 Service Unavailable',
          source: 'techdocs',
          collectedAt: '2026-11-25T00:00:00.000Z',
        },
      }),
    );
    expect(none.status).toBe('unknown');
    expect(none.message).toContain('503 Service Unavailable');
  });

  it('is unknown without a date and n/a without TechDocs', () => {
    expect(
      run(techdocsFreshCheck, withDocs({ techdocsUpdatedAt: undefined }))
        .status,
    ).toBe('unknown');
    expect(
      run(techdocsFreshCheck, withDocs({ techdocsUpdatedAt: 'yesterday' }))
        .status,
    ).toBe('unknown');
    expect(
      run(techdocsFreshCheck, withDocs({ techdocsRef: undefined })).status,
    ).toBe('not-applicable');
  });
});

describe('docs.runbook', () => {
  it('fails without a runbook and is n/a for a library', () => {
    expect(run(runbookCheck, withDocs({ runbookUrl: undefined })).status).toBe(
      'fail',
    );
    expect(
      run(runbookCheck, service('component:default/lib', { type: 'library' }))
        .status,
    ).toBe('not-applicable');
  });

  it('applies to serverless components', () => {
    expect(
      run(
        runbookCheck,
        service('component:default/fn', {
          type: 'function',
          docs: docs({ runbookUrl: undefined }),
        }),
      ).status,
    ).toBe('fail');
  });
});

describe('docs.onboarding', () => {
  it("reads the owning team's guide", () => {
    const outcome = run(
      onboardingCheck,
      service('component:default/api', {
        ownership: ownership({ onboardingUrl: undefined }),
      }),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.remediation).toContain("Group 'group:default/team-a'");
  });

  it('is unknown when the owner is not a Group', () => {
    expect(
      run(
        onboardingCheck,
        service('component:default/api', {
          ownership: ownership({ ownerIsGroup: false }),
        }),
      ).status,
    ).toBe('unknown');
    expect(
      run(
        onboardingCheck,
        service('component:default/api', {
          ownership: ownership({ ownerRef: undefined }),
        }),
      ).status,
    ).toBe('unknown');
  });
});

describe('docs.api-definition', () => {
  it('fails for provided APIs without definition and is n/a without provided APIs', () => {
    const outcome = run(
      apiDefinitionCheck,
      withDocs({
        providedApis: [
          { entityRef: 'api:default/a', hasDefinition: true },
          { entityRef: 'api:default/b', hasDefinition: false },
        ],
      }),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toContain('api:default/b');
    expect(outcome.message).not.toContain('api:default/a');
    expect(run(apiDefinitionCheck, withDocs({ providedApis: [] })).status).toBe(
      'not-applicable',
    );
  });
});

describe('docs.load-test', () => {
  it('fails without a report', () => {
    const outcome = run(
      loadTestCheck,
      withDocs({ loadTestReportUrl: undefined, loadTestDate: undefined }),
    );
    expect(outcome.status).toBe('fail');
    expect(outcome.remediation).toContain('≥ 3×');
  });

  it('warns on a stale or missing date', () => {
    expect(
      run(loadTestCheck, withDocs({ loadTestDate: '2025-11-01' })).status,
    ).toBe('warn');
    expect(
      run(loadTestCheck, withDocs({ loadTestDate: undefined })).status,
    ).toBe('warn');
  });

  it('is n/a for documentation components', () => {
    expect(
      run(
        loadTestCheck,
        service('component:default/handbook', { type: 'documentation' }),
      ).status,
    ).toBe('not-applicable');
  });
});
