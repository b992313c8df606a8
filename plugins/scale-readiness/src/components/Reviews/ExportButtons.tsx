import { useApi } from '@backstage/core-plugin-api';
import { Box, Button, Typography } from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import type { ReviewExportFormat } from '@scale-readiness/plugin-scale-readiness-common';
import { useState } from 'react';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import { downloadFile } from './downloadFile';

/** Props of {@link ExportButtons}. */
export interface ExportButtonsProps {
  reviewId: string;
  /** One team's export; the org-wide export when absent. */
  teamRef?: string;
}

/** Markdown and CSV downloads of a review (org-wide or one team). */
export const ExportButtons = ({ reviewId, teamRef }: ExportButtonsProps) => {
  const api = useApi(scaleReadinessApiRef);
  const [busy, setBusy] = useState<ReviewExportFormat | undefined>();
  const [error, setError] = useState<string | undefined>();

  const download = async (format: ReviewExportFormat) => {
    setBusy(format);
    setError(undefined);
    try {
      downloadFile(await api.exportReview(reviewId, format, teamRef));
    } catch (e) {
      setError(`Export failed: ${(e as Error).message}`);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
      <Button
        variant="outlined"
        size="small"
        startIcon={<GetAppIcon />}
        disabled={!!busy}
        onClick={() => download('markdown')}
        data-testid="export-markdown"
      >
        Markdown
      </Button>
      <Button
        variant="outlined"
        size="small"
        startIcon={<GetAppIcon />}
        disabled={!!busy}
        onClick={() => download('csv')}
        data-testid="export-csv"
      >
        CSV
      </Button>
      {error && (
        <Typography variant="body2" color="error" role="alert">
          {error}
        </Typography>
      )}
    </Box>
  );
};
