import { Box, Button, ButtonGroup, TextField } from '@material-ui/core';
import { useEffect, useState } from 'react';
import { formatFactor } from '../../utils/format';

/** Preset growth factors offered as buttons. */
export const FACTOR_PRESETS: readonly number[] = [1.5, 2, 3, 5, 10];

/** Largest factor accepted by the free input. */
export const MAX_FACTOR = 1000;

/** Parses the free input; returns undefined when it is not a valid factor. */
export function parseFactor(text: string): number | undefined {
  const trimmed = text.trim().replace(/[×x]$/i, '');
  if (trimmed === '') {
    return undefined;
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value <= 0 || value > MAX_FACTOR) {
    return undefined;
  }
  return value;
}

/** Props of {@link FactorControl}. */
export interface FactorControlProps {
  value: number;
  onChange: (factor: number) => void;
  presets?: readonly number[];
}

/** Growth factor picker: preset buttons plus a free numeric input. */
export const FactorControl = ({
  value,
  onChange,
  presets = FACTOR_PRESETS,
}: FactorControlProps) => {
  const [text, setText] = useState(String(value));
  const [invalid, setInvalid] = useState(false);

  useEffect(() => {
    setText(current =>
      parseFactor(current) === value ? current : String(value),
    );
    setInvalid(false);
  }, [value]);

  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 16 }}>
      <ButtonGroup
        size="small"
        color="primary"
        aria-label="Growth factor presets"
      >
        {presets.map(p => (
          <Button
            key={p}
            variant={p === value ? 'contained' : 'outlined'}
            aria-pressed={p === value}
            aria-label={`Simulate ${formatFactor(p)} growth`}
            onClick={() => onChange(p)}
          >
            {formatFactor(p)}
          </Button>
        ))}
      </ButtonGroup>
      <TextField
        size="small"
        variant="outlined"
        label="Growth factor"
        value={text}
        error={invalid}
        helperText={
          invalid ? `Enter a number above 0 and at most ${MAX_FACTOR}` : ' '
        }
        inputProps={{ inputMode: 'decimal', 'aria-label': 'Growth factor' }}
        onChange={e => {
          const next = e.target.value;
          setText(next);
          const parsed = parseFactor(next);
          setInvalid(parsed === undefined);
          if (parsed !== undefined && parsed !== value) {
            onChange(parsed);
          }
        }}
      />
    </Box>
  );
};
