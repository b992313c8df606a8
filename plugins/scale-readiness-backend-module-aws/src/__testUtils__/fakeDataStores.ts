/**
 * Data store and queue operations of the fake AWS endpoint: RDS and
 * ElastiCache (AWS Query, XML answers).
 */
import { AwsError } from './fakeAwsHandlers';
import type { FakeRegion } from './FakeRegion';

/** Answers one AWS Query action (RDS, ElastiCache). */
export function queryAction(
  service: string,
  action: string,
  _params: Record<string, string>,
  _region: FakeRegion,
  _pageSize: number,
): unknown {
  throw new AwsError(400, 'InvalidAction', `${service}:${action}`);
}
