import type { Knex } from 'knex';
import { TABLES } from './tables';
import { chunk, toDate, unique } from './util';

/**
 * A cheap version of the stored results owned by some groups: how many there
 * are and when the newest was written. Any write of a result (it is only
 * written when it changed) moves `evaluated_at` forward; a deletion changes the
 * count. One index range scan on `owner_ref` per chunk of owners, no JSON read.
 * See `ReadinessStore.getOwnersVersion`.
 */
export async function getOwnersVersion(
  db: Knex,
  ownerRefs: string[],
): Promise<string> {
  let count = 0;
  let newest = 0;
  for (const owners of chunk(unique(ownerRefs))) {
    const [row] = await db(TABLES.results)
      .whereIn('owner_ref', owners)
      .count({ n: '*' })
      .max({ at: 'evaluated_at' });
    count += Number(row?.n ?? 0);
    if (row?.at !== null && row?.at !== undefined) {
      newest = Math.max(newest, toDate(row.at).getTime());
    }
  }
  return `${count}@${newest}`;
}
