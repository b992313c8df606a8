import { useApi } from '@backstage/core-plugin-api';
import type { EntityReadinessResponse } from '@scale-readiness/plugin-scale-readiness-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { isNotFoundError } from '../api/errors';
import { scaleReadinessApiRef } from '../api/ScaleReadinessApi';

/** State of an entity's stored readiness. */
export interface EntityReadinessState {
  loading: boolean;
  /** The stored result, when there is one. */
  value?: EntityReadinessResponse;
  /** True when the backend has no result for the entity yet (404). */
  notFound: boolean;
  /** Any other error. */
  error?: Error;
  retry: () => void;
}

/** Loads the stored readiness of one entity. */
export function useEntityReadiness(entityRef: string): EntityReadinessState {
  const api = useApi(scaleReadinessApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getEntity(entityRef),
    [api, entityRef],
  );
  const notFound = !!error && isNotFoundError(error);
  return {
    loading,
    value: error ? undefined : value,
    notFound,
    error: error && !notFound ? error : undefined,
    retry,
  };
}
