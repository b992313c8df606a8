import { useApi } from '@backstage/core-plugin-api';
import { scaleReadinessApiRef } from '../../api/ScaleReadinessApi';
import { DownloadButtons } from '../common/DownloadButtons';

/** Props of {@link ExportButtons}. */
export interface ExportButtonsProps {
  reviewId: string;
  /** One team's export; the org-wide export when absent. */
  teamRef?: string;
}

/** Markdown and CSV downloads of a review (org-wide or one team). */
export const ExportButtons = ({ reviewId, teamRef }: ExportButtonsProps) => {
  const api = useApi(scaleReadinessApiRef);
  return (
    <DownloadButtons
      load={format => api.exportReview(reviewId, format, teamRef)}
    />
  );
};
