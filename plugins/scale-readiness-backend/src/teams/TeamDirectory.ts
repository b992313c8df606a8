import type {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  type Entity,
  parseEntityRef,
  RELATION_HAS_MEMBER,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_CHAMPIONS,
  ANNOTATION_GITHUB_PROJECT_SLUG,
  ANNOTATION_GITHUB_TEAM_SLUG,
  ANNOTATION_GITHUB_USER_LOGIN,
  ANNOTATION_RUNNER_GROUPS,
  type ChampionInfo,
  type GrantScope,
} from '@scale-readiness/plugin-scale-readiness-common';
import { readConfigChampions } from './config';
import { TrustedSources } from './trust';

/** A team as read from the catalog for one request. */
export interface TeamInfo {
  entityRef: string;
  title?: string;
  email?: string;
  chatUrl?: string;
  /** Declared champions (catalog annotation and app-config). */
  declaredChampions: Array<{ entityRef: string; source: 'catalog' | 'config' }>;
  /** Champions who may act: config ones, and catalog ones who are members. */
  champions: string[];
  /** Direct members (lower-cased user entity refs from trusted sources). */
  members: string[];
  scope: GrantScope;
}

/** `owner/name` with GitHub's allowed characters. */
const SLUG = /^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+$/;

/** Lower-cased entity ref, or undefined when the value is not a valid ref. */
export function normaliseRef(
  value: string,
  defaultKind: string,
  defaultNamespace = 'default',
): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(value.trim(), { defaultKind, defaultNamespace }),
    ).toLowerCase();
  } catch {
    return undefined;
  }
}

function annotation(entity: Entity, name: string): string | undefined {
  const value = entity.metadata.annotations?.[name];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map(v => v.trim())
    .filter(Boolean);
}

/**
 * The one rule for who may act for a team, used by grants, access requests,
 * waivers and review sign-offs, and by the team permission rules. Read from
 * the catalog at request time with the plugin's own credentials (a champion
 * removed from the catalog loses rights at once):
 *
 * - members: users related to the Group by `hasMember`, whose User entity
 *   and the Group come from trusted sources;
 * - champions: users named in the Group's `scale-readiness.io/champions`
 *   annotation who are members, plus champions designated in app-config;
 * - refs compare case-insensitively (all refs are lower-cased);
 * - scope: `github.com/project-slug` of trusted components the team owns, the
 *   Group's `github.com/team-slug` and `scale-readiness.io/runner-groups`.
 */
export class TeamDirectory {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #configChampions: Map<string, string[]>;
  readonly #trust: TrustedSources;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    configChampions: Map<string, string[]>;
    trust?: TrustedSources;
  }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#configChampions = new Map(
      [...options.configChampions].map(([group, users]) => [
        group.toLowerCase(),
        users.map(u => u.toLowerCase()),
      ]),
    );
    this.#trust = options.trust ?? new TrustedSources(undefined);
  }

  /** A directory with champions and trusted sources from app-config. */
  static fromConfig(options: {
    catalog: CatalogService;
    auth: AuthService;
    config: Config;
  }): TeamDirectory {
    return new TeamDirectory({
      catalog: options.catalog,
      auth: options.auth,
      configChampions: readConfigChampions(options.config),
      trust: TrustedSources.fromConfig(options.config),
    });
  }

  async #credentials() {
    return { credentials: await this.#auth.getOwnServiceCredentials() };
  }

  /** The team, or undefined when the ref is not a Group in the catalog. */
  async getTeam(teamRef: string): Promise<TeamInfo | undefined> {
    const ref = normaliseRef(teamRef, 'group');
    if (!ref || !ref.startsWith('group:')) return undefined;
    const options = await this.#credentials();
    const group = await this.#catalog.getEntityByRef(ref, options);
    if (!group || group.kind.toLowerCase() !== 'group') return undefined;
    const trusted = this.#trust.trusts(group);
    const namespace = group.metadata.namespace ?? 'default';

    const members = new Set<string>();
    for (const relation of group.relations ?? []) {
      if (relation.type === RELATION_HAS_MEMBER) {
        const m = normaliseRef(relation.targetRef, 'user', namespace);
        if (m?.startsWith('user:')) members.add(m);
      }
    }
    const specMembers = (group.spec as { members?: unknown })?.members;
    if (Array.isArray(specMembers)) {
      for (const value of specMembers) {
        const m =
          typeof value === 'string'
            ? normaliseRef(value, 'user', namespace)
            : undefined;
        if (m?.startsWith('user:')) members.add(m);
      }
    }
    const trustedMembers = trusted
      ? await this.#trustedUsers([...members], options)
      : new Set<string>();

    const declared: TeamInfo['declaredChampions'] = [];
    if (trusted) {
      for (const value of list(annotation(group, ANNOTATION_CHAMPIONS))) {
        const c = normaliseRef(value, 'user', namespace);
        if (c?.startsWith('user:') && !declared.some(d => d.entityRef === c)) {
          declared.push({ entityRef: c, source: 'catalog' });
        }
      }
    }
    for (const c of this.#configChampions.get(ref) ?? []) {
      const n = normaliseRef(c, 'user');
      if (n && !declared.some(d => d.entityRef === n)) {
        declared.push({ entityRef: n, source: 'config' });
      }
    }
    const champions = declared
      .filter(d => d.source === 'config' || trustedMembers.has(d.entityRef))
      .map(d => d.entityRef);

    const profile = (group.spec as { profile?: { email?: string } })?.profile;
    const chat = group.metadata.links?.find(l => l.type === 'chat')?.url;
    return {
      entityRef: ref,
      title: group.metadata.title,
      email: profile?.email,
      chatUrl: chat,
      declaredChampions: declared,
      champions,
      members: [...trustedMembers].sort(),
      scope: trusted
        ? await this.#scope(ref, group, options)
        : { repositories: [], githubTeams: [], runnerGroups: [] },
    };
  }

  /** The refs among `refs` whose User entity comes from a trusted source. */
  async #trustedUsers(
    refs: string[],
    options: { credentials: BackstageCredentials },
  ): Promise<Set<string>> {
    if (!this.#trust.configured || refs.length === 0) return new Set(refs);
    const { items } = await this.#catalog.getEntitiesByRefs(
      {
        entityRefs: refs,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      options,
    );
    return new Set(
      items
        .filter((e): e is Entity => !!e && e.kind.toLowerCase() === 'user')
        .filter(e => this.#trust.trusts(e))
        .map(e => stringifyEntityRef(e).toLowerCase()),
    );
  }

  async #scope(
    ref: string,
    group: Entity,
    options: { credentials: BackstageCredentials },
  ): Promise<GrantScope> {
    const { items } = await this.#catalog.getEntities(
      {
        filter: { kind: 'component', 'relations.ownedBy': ref },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      options,
    );
    const repositories = new Map<string, string>();
    for (const component of items) {
      if (!this.#trust.trusts(component)) continue;
      const slug = annotation(component, ANNOTATION_GITHUB_PROJECT_SLUG);
      if (slug && SLUG.test(slug) && !repositories.has(slug.toLowerCase())) {
        repositories.set(slug.toLowerCase(), stringifyEntityRef(component));
      }
    }
    const team = annotation(group, ANNOTATION_GITHUB_TEAM_SLUG);
    return {
      repositories: [...repositories]
        .map(([repository, entityRef]) => ({ repository, entityRef }))
        .sort((a, b) => a.repository.localeCompare(b.repository)),
      githubTeams: team && SLUG.test(team) ? [team.toLowerCase()] : [],
      runnerGroups: list(annotation(group, ANNOTATION_RUNNER_GROUPS))
        .filter(g => SLUG.test(g))
        .map(g => g.toLowerCase()),
    };
  }

  /** Whether the user may act as a champion of the team. */
  isChampion(team: TeamInfo, userRef: string | undefined): boolean {
    return !!userRef && team.champions.includes(userRef.toLowerCase());
  }

  /** Whether the user is a member of the team (or one of its acting champions). */
  isMember(team: TeamInfo, userRef: string | undefined): boolean {
    if (!userRef) return false;
    const ref = userRef.toLowerCase();
    return team.members.includes(ref) || team.champions.includes(ref);
  }

  /** What a user may do for a team, by the one rule (false for unknown teams). */
  async rights(
    userRef: string | undefined,
    teamRef: string,
  ): Promise<{ champion: boolean; member: boolean }> {
    const team = userRef ? await this.getTeam(teamRef) : undefined;
    return {
      champion: !!team && this.isChampion(team, userRef),
      member: !!team && this.isMember(team, userRef),
    };
  }

  /** The owning group of a catalog entity (its `ownedBy` relation), lower-cased. */
  async ownerOf(entityRef: string): Promise<string | undefined> {
    const entity = await this.#catalog.getEntityByRef(
      entityRef,
      await this.#credentials(),
    );
    const owner = entity?.relations?.find(
      r => r.type === RELATION_OWNED_BY,
    )?.targetRef;
    return owner ? normaliseRef(owner, 'group') : undefined;
  }

  /** A user's display data and GitHub login, from the catalog. */
  async getUser(userRef: string): Promise<
    | {
        entityRef: string;
        displayName?: string;
        email?: string;
        githubLogin?: string;
      }
    | undefined
  > {
    const entity = await this.#catalog.getEntityByRef(
      userRef,
      await this.#credentials(),
    );
    if (!entity || entity.kind.toLowerCase() !== 'user') return undefined;
    const profile = (
      entity.spec as { profile?: { displayName?: string; email?: string } }
    )?.profile;
    return {
      entityRef: stringifyEntityRef(entity),
      displayName: profile?.displayName ?? entity.metadata.title,
      email: profile?.email,
      githubLogin: annotation(entity, ANNOTATION_GITHUB_USER_LOGIN),
    };
  }

  /** Champions with their display data, for the UI. */
  async describeChampions(team: TeamInfo): Promise<ChampionInfo[]> {
    return Promise.all(
      team.declaredChampions
        .filter(d => team.champions.includes(d.entityRef))
        .map(async d => {
          const user = await this.getUser(d.entityRef).catch(() => undefined);
          return {
            entityRef: d.entityRef,
            source: d.source,
            ...(user?.displayName ? { displayName: user.displayName } : {}),
            ...(user?.email ? { email: user.email } : {}),
          };
        }),
    );
  }
}
