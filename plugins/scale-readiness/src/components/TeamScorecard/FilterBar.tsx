import {
  Box,
  Button,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
  TextField,
} from '@material-ui/core';
import {
  DIMENSIONS,
  type CheckStatus,
  type Dimension,
  type ReadinessLevel,
} from '@scale-readiness/plugin-scale-readiness-common';
import {
  DIMENSION_LABELS,
  LEVEL_LABELS,
  LEVELS,
  shortRef,
  STATUS_LABELS,
  STATUS_ORDER,
} from '../../utils/format';
import { EMPTY_FILTERS, type ScorecardFilters } from './filterRows';

/** Props of {@link FilterBar}. */
export interface FilterBarProps {
  filters: ScorecardFilters;
  systems: string[];
  onChange: (filters: ScorecardFilters) => void;
}

const selectStyle = { minWidth: 160 };

/** Filters of the team components table: text, level, system, dimension status. */
export const FilterBar = ({ filters, systems, onChange }: FilterBarProps) => {
  const set = (patch: Partial<ScorecardFilters>) =>
    onChange({ ...filters, ...patch });
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="flex-end"
      style={{ gap: 16 }}
      mb={2}
    >
      <TextField
        label="Search components"
        value={filters.text}
        onChange={e => set({ text: e.target.value })}
        inputProps={{ 'aria-label': 'Search components' }}
      />
      <FormControl style={selectStyle}>
        <InputLabel id="sr-filter-level">Level</InputLabel>
        <Select
          labelId="sr-filter-level"
          multiple
          value={filters.levels}
          onChange={e => set({ levels: e.target.value as ReadinessLevel[] })}
          renderValue={v =>
            (v as ReadinessLevel[]).map(l => LEVEL_LABELS[l]).join(', ')
          }
        >
          {LEVELS.map(l => (
            <MenuItem key={l} value={l}>
              {LEVEL_LABELS[l]}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControl style={selectStyle}>
        <InputLabel id="sr-filter-system">System</InputLabel>
        <Select
          labelId="sr-filter-system"
          value={filters.system}
          onChange={e => set({ system: e.target.value as string })}
        >
          <MenuItem value="">Any</MenuItem>
          {systems.map(s => (
            <MenuItem key={s} value={s}>
              {shortRef(s)}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControl style={selectStyle}>
        <InputLabel id="sr-filter-dimension">Dimension</InputLabel>
        <Select
          labelId="sr-filter-dimension"
          value={filters.dimension}
          onChange={e => set({ dimension: e.target.value as Dimension | '' })}
        >
          <MenuItem value="">Any dimension</MenuItem>
          {DIMENSIONS.map(d => (
            <MenuItem key={d} value={d}>
              {DIMENSION_LABELS[d]}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControl style={selectStyle}>
        <InputLabel id="sr-filter-status">Dimension status</InputLabel>
        <Select
          labelId="sr-filter-status"
          value={filters.dimensionStatus}
          onChange={e =>
            set({
              dimensionStatus: e.target.value as CheckStatus | 'none' | '',
            })
          }
        >
          <MenuItem value="">Any status</MenuItem>
          {STATUS_ORDER.map(s => (
            <MenuItem key={s} value={s}>
              {STATUS_LABELS[s]}
            </MenuItem>
          ))}
          <MenuItem value="none">No checks</MenuItem>
        </Select>
      </FormControl>
      <Button size="small" onClick={() => onChange(EMPTY_FILTERS)}>
        Clear filters
      </Button>
    </Box>
  );
};
