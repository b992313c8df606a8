export { ReviewListPage } from './ReviewListPage';
export { ReviewDetailPage } from './ReviewDetailPage';
export { ReviewTeamPage } from './ReviewTeamPage';
export { ExportButtons } from './ExportButtons';
export type { ExportButtonsProps } from './ExportButtons';
