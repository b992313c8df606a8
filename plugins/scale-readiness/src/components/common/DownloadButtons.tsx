import { Box, Button, Typography } from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useState } from 'react';
import type { ReviewExportFile } from '../../api/ScaleReadinessApi';
import { downloadFile } from '../Reviews/downloadFile';

/** Export formats offered by {@link DownloadButtons}. */
export type DownloadFormat = 'markdown' | 'csv';

/** Props of {@link DownloadButtons}. */
export interface DownloadButtonsProps {
  /** Fetches the export in a format (the file name comes from the backend). */
  load: (format: DownloadFormat) => Promise<ReviewExportFile>;
}

/** Markdown and CSV download buttons; the server's error shows next to them. */
export const DownloadButtons = ({ load }: DownloadButtonsProps) => {
  const [busy, setBusy] = useState<DownloadFormat | undefined>();
  const [error, setError] = useState<string | undefined>();

  const download = async (format: DownloadFormat) => {
    setBusy(format);
    setError(undefined);
    try {
      downloadFile(await load(format));
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
