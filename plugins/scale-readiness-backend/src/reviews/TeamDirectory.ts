import type {
  AuthService,
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATION_CHAMPIONS } from '@scale-readiness/plugin-scale-readiness-common';

/** Parses a Group's champions annotation into normalised user refs. */
export function championsFromGroup(group: Entity): string[] {
  const value = group.metadata.annotations?.[ANNOTATION_CHAMPIONS] ?? '';
  const namespace = group.metadata.namespace ?? 'default';
  const refs: string[] = [];
  for (const part of value.split(',')) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    try {
      const ref = parseEntityRef(trimmed, {
        defaultKind: 'user',
        defaultNamespace: namespace,
      });
      if (ref.kind.toLowerCase() === 'user') refs.push(stringifyEntityRef(ref));
    } catch {
      // a malformed entry grants nothing
    }
  }
  return [...new Set(refs)];
}

/**
 * Who may act for a team, read from the catalog at request time (never from
 * the stored copy of the hierarchy, which may be up to one pass old).
 */
export class TeamDirectory {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #userInfo?: UserInfoService;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    userInfo?: UserInfoService;
  }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#userInfo = options.userInfo;
  }

  async #entity(ref: string): Promise<Entity | undefined> {
    return this.#catalog.getEntityByRef(ref, {
      credentials: await this.#auth.getOwnServiceCredentials(),
    });
  }

  /** Champions declared on a Group (`scale-readiness.io/champions`); [] for other kinds. */
  async championsOf(teamRef: string): Promise<string[]> {
    if (parseEntityRef(teamRef).kind.toLowerCase() !== 'group') return [];
    const group = await this.#entity(teamRef);
    return group ? championsFromGroup(group) : [];
  }

  /** The owner ref of a catalog entity (its `ownedBy` relation). */
  async ownerOf(entityRef: string): Promise<string | undefined> {
    const entity = await this.#entity(entityRef);
    return entity?.relations?.find(r => r.type === RELATION_OWNED_BY)
      ?.targetRef;
  }

  /** Whether the user is a champion of the team. */
  async isChampion(userRef: string, teamRef: string): Promise<boolean> {
    return (await this.championsOf(teamRef)).includes(userRef);
  }

  /**
   * Whether the user owns the team: the team ref is among the user's
   * ownership claims (the user itself and the groups the sign-in resolver
   * put in the token, usually the groups the user is a member of).
   */
  async isOwner(
    credentials: BackstageCredentials,
    teamRef: string,
  ): Promise<boolean> {
    if (!this.#userInfo) return false;
    try {
      const info = await this.#userInfo.getUserInfo(credentials);
      return info.ownershipEntityRefs
        .map(r => r.toLowerCase())
        .includes(teamRef.toLowerCase());
    } catch {
      return false;
    }
  }
}
