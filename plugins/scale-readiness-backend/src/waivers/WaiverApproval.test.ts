/**
 * A waiver is approved by a champion other than its requester: the real
 * WaiverService over the real store (SQLite and PostgreSQL) and the one
 * TeamDirectory over a test catalog whose checkout team has two champions.
 */
import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { Knex } from 'knex';
import { MutableCatalog } from '../__testUtils__/MutableCatalog';
import { REFS, teamCatalog } from '../grants/__testUtils__/teamCatalog';
import { migrate } from '../reviews/__testUtils__/reviewFixtures';
import { TeamDirectory } from '../teams';
import { DatabaseWaiverStore } from './DatabaseWaiverStore';
import { WaiverService } from './WaiverService';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const ERIN = 'user:default/erin';
const CART = 'component:default/cart';
const CHECK = 'docs.runbook';

/** The champion-action catalog with erin as a second champion of checkout. */
function catalog(): Entity[] {
  return teamCatalog()
    .map(e =>
      e.kind === 'Group' && e.metadata.name === 'checkout-team'
        ? {
            ...e,
            metadata: {
              ...e.metadata,
              annotations: {
                ...e.metadata.annotations,
                'scale-readiness.io/champions': 'alice, carol, erin',
              },
            },
            relations: [
              ...(e.relations ?? []),
              { type: 'hasMember', targetRef: ERIN },
            ],
          }
        : e,
    )
    .concat({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'erin', namespace: 'default' },
      spec: { profile: { displayName: 'ERIN' }, memberOf: ['checkout-team'] },
      relations: [{ type: 'memberOf', targetRef: REFS.checkout }],
    });
}

const user = (ref: string) => mockCredentials.user(ref);

describe.each(databases.eachSupportedId())(
  'waiver approval, %p',
  databaseId => {
    let knex: Knex;
    let rescored: string[];

    const service = (allowSingleChampion = false) =>
      new WaiverService({
        logger: mockServices.logger.mock(),
        store: new DatabaseWaiverStore(knex),
        directory: new TeamDirectory({
          catalog: new MutableCatalog(catalog()).service,
          auth: mockServices.auth(),
          configChampions: new Map(),
        }),
        maxDays: 30,
        allowSingleChampion,
        checkIds: () => [CHECK, 'docs.onboarding'],
        onChanged: async refs => {
          rescored.push(...refs);
        },
      });
    const ask = (s: WaiverService, checkId = CHECK) =>
      s.create(user(REFS.alice), {
        entityRef: CART,
        checkId,
        reason: 'Runbook moves to the new wiki next sprint',
      });
    const applied = () => new DatabaseWaiverStore(knex).listActive(new Date());

    beforeEach(async () => {
      knex = await migrate(await databases.init(databaseId));
      rescored = [];
    });

    it('keeps a new waiver pending, not applied to scores, until a second champion approves', async () => {
      const waivers = service();
      const pending = await ask(waivers);
      expect(pending).toMatchObject({
        status: 'pending',
        requestedBy: REFS.alice,
        approvedBy: '',
      });
      expect(pending.approvedAt).toBeUndefined();
      expect(await applied()).toEqual([]);
      expect(rescored).toEqual([]);

      const approved = await waivers.approve(user(ERIN), pending.id);
      expect(approved).toMatchObject({
        status: 'active',
        requestedBy: REFS.alice,
        approvedBy: ERIN,
      });
      expect(await applied()).toEqual([
        expect.objectContaining({ entityRef: CART, approvedBy: ERIN }),
      ]);
      expect(rescored).toEqual([CART]);
      const { audit } = await waivers.get(pending.id);
      expect(audit.map(a => [a.action, a.actor])).toEqual([
        ['created', REFS.alice],
        ['approved', ERIN],
      ]);
    });

    it('refuses the requester, members who are not champions, non-members and services', async () => {
      const waivers = service();
      const { id } = await ask(waivers);
      // the requester, also with another case in the ref
      await expect(waivers.approve(user(REFS.alice), id)).rejects.toThrow(
        /another champion/,
      );
      await expect(
        waivers.approve(user('user:default/ALICE'), id),
      ).rejects.toThrow(/another champion/);
      for (const who of [REFS.bob, REFS.carol, REFS.dave, REFS.mallory]) {
        await expect(waivers.approve(user(who), id)).rejects.toMatchObject({
          name: 'NotAllowedError',
        });
      }
      await expect(
        waivers.approve(mockCredentials.service(), id),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      expect((await waivers.get(id)).waiver.status).toBe('pending');
      expect(await applied()).toEqual([]);
    });

    it('gives one approval when approvals race (three at once, as from two replicas and a retry)', async () => {
      const waivers = service();
      const { id } = await ask(waivers);
      // two service instances, as on two replicas
      const results = await Promise.allSettled([
        waivers.approve(user(ERIN), id),
        service().approve(user(ERIN), id),
        service().approve(user(ERIN), id),
      ]);
      const ok = results.filter(r => r.status === 'fulfilled');
      const refused = results.filter(r => r.status === 'rejected');
      expect(ok).toHaveLength(1);
      expect(
        refused.map(r => (r as PromiseRejectedResult).reason.name),
      ).toEqual(['ConflictError', 'ConflictError']);
      const audit = await knex('waiver_audit')
        .where({ waiver_id: id, action: 'approved' })
        .count({ n: '*' });
      expect(Number(audit[0].n)).toBe(1);
    });

    it('holds the finding while pending: a second request for it is refused', async () => {
      const waivers = service();
      await ask(waivers);
      await expect(ask(service())).rejects.toMatchObject({
        name: 'ConflictError',
      });
    });

    it('makes a changed waiver pending again until another champion approves the change', async () => {
      const waivers = service();
      const { id } = await ask(waivers);
      await waivers.approve(user(ERIN), id);
      const changed = await waivers.update(user(ERIN), id, {
        reason: 'Runbook moves to the new wiki next month',
      });
      expect(changed).toMatchObject({ status: 'pending', requestedBy: ERIN });
      expect(await applied()).toEqual([]);
      await expect(waivers.approve(user(ERIN), id)).rejects.toThrow(
        /another champion/,
      );
      expect(await waivers.approve(user(REFS.alice), id)).toMatchObject({
        status: 'active',
        approvedBy: REFS.alice,
      });
    });

    it('applies at once with allowSingleChampion (one-champion teams)', async () => {
      const waiver = await ask(service(true));
      expect(waiver).toMatchObject({
        status: 'active',
        requestedBy: REFS.alice,
        approvedBy: REFS.alice,
      });
      expect(await applied()).toHaveLength(1);
    });

    it('lets the requester withdraw a pending waiver', async () => {
      const waivers = service();
      const { id } = await ask(waivers);
      expect(await waivers.revoke(user(REFS.alice), id)).toMatchObject({
        status: 'revoked',
      });
      await expect(waivers.approve(user(ERIN), id)).rejects.toMatchObject({
        name: 'ConflictError',
      });
    });
  },
);
