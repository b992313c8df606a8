import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { TextField } from '@material-ui/core';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useMemo, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { shortRef } from '../../utils/format';

/** One catalog entity offered by {@link EntityRefPicker}. */
export interface EntityOption {
  ref: string;
  kind: string;
  label: string;
}

/** Props of {@link EntityRefPicker}. */
export interface EntityRefPickerProps {
  id: string;
  label: string;
  /** Catalog kinds offered, e.g. `['Component', 'API', 'System']`. */
  kinds: string[];
  /** Selected entity refs. */
  value: string[];
  onChange: (refs: string[]) => void;
  /** At most one entity. */
  single?: boolean;
  required?: boolean;
  error?: string;
  helperText?: string;
  testId?: string;
}

const LIMIT = 25;

/**
 * Entity autocomplete over the catalog (`queryEntities` with a full-text
 * filter on name and title), showing titles and storing entity refs.
 */
export const EntityRefPicker = ({
  id,
  label,
  kinds,
  value,
  onChange,
  single,
  required,
  error,
  helperText,
  testId,
}: EntityRefPickerProps) => {
  const catalogApi = useApi(catalogApiRef);
  const [input, setInput] = useState('');
  const [term, setTerm] = useState('');
  const known = useRef(new Map<string, EntityOption>());
  useDebounce(() => setTerm(input.trim()), 250, [input]);

  const kindKey = kinds.join(',');
  const {
    value: options = [],
    loading,
    error: loadError,
  } = useAsync(async () => {
    const { items } = await catalogApi.queryEntities({
      filter: { kind: kindKey.split(',') },
      ...(term
        ? {
            fullTextFilter: {
              term,
              fields: ['metadata.name', 'metadata.title'],
            },
          }
        : {}),
      orderFields: { field: 'metadata.name', order: 'asc' },
      limit: LIMIT,
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
    });
    return items.map(entity => {
      const ref = stringifyEntityRef(entity);
      const option: EntityOption = {
        ref,
        kind: entity.kind,
        label: entity.metadata.title ?? entity.metadata.name,
      };
      known.current.set(ref, option);
      return option;
    });
  }, [catalogApi, kindKey, term]);

  // A stable selection: Autocomplete clears the typed text whenever its value
  // changes identity, so a new array on every render would wipe the input.
  const selected = useMemo(
    () =>
      value.map(
        ref =>
          known.current.get(ref) ?? { ref, kind: '', label: shortRef(ref) },
      ),
    [value],
  );

  return (
    <Autocomplete<EntityOption, boolean, false, false>
      id={id}
      multiple={!single}
      options={options}
      loading={loading}
      value={single ? selected[0] ?? null : selected}
      filterOptions={o => o}
      getOptionLabel={o =>
        `${o.label} (${o.kind ? `${o.kind} ` : ''}${shortRef(o.ref)})`
      }
      getOptionSelected={(o, v) => o.ref === v.ref}
      inputValue={input}
      onInputChange={(_, text) => setInput(text)}
      onChange={(_, next) => {
        if (next === null) onChange([]);
        else if (Array.isArray(next)) onChange(next.map(o => o.ref));
        else onChange([next.ref]);
      }}
      noOptionsText={loadError ? `Catalog: ${loadError.message}` : 'No match'}
      renderInput={params => (
        <TextField
          {...params}
          label={label}
          required={required}
          error={!!error}
          helperText={error ?? helperText}
          inputProps={{
            ...params.inputProps,
            'data-testid': testId,
          }}
        />
      )}
    />
  );
};
