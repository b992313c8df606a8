export { ReadinessTrendChart } from './ReadinessTrendChart';
export type {
  ReadinessTrendChartProps,
  TrendScope,
} from './ReadinessTrendChart';
