export { ChampionPanel } from './ChampionPanel';
export type { ChampionPanelProps } from './ChampionPanel';
