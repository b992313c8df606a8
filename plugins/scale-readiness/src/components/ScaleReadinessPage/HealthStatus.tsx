import { useApi } from '@backstage/core-plugin-api';
import { Box, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import { formatTime } from '../../utils/format';
import { StatusLabel } from '../common/StatusLabel';

/** One status line about the backend (GET /health). */
export const HealthStatus = () => {
  const api = useApi(scaleReadinessApiRef);
  const { value, loading, error } = useAsync(() => api.getHealth(), [api]);
  let content;
  if (loading) {
    content = (
      <Typography variant="caption">Checking backend status…</Typography>
    );
  } else if (error || !value) {
    content = (
      <StatusLabel
        status="fail"
        label={`Backend unreachable: ${error?.message ?? 'no answer'}`}
      />
    );
  } else {
    content = (
      <>
        <StatusLabel status="pass" label={`Backend ${value.status}`} />
        <Typography variant="caption" color="textSecondary">
          {' · last scoring pass '}
          {value.lastPassAt ? formatTime(value.lastPassAt) : 'not yet run'}
          {' · '}
          {value.entities ?? 0} entities scored
        </Typography>
      </>
    );
  }
  return (
    <Box
      mt={3}
      role="status"
      aria-label="Backend status"
      display="flex"
      alignItems="center"
      style={{ gap: 8 }}
    >
      {content}
    </Box>
  );
};
