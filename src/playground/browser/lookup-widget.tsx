import { WidgetProps } from '@rjsf/utils';
import { useEffect, useRef, useState } from 'react';
import { ConnectorErrorJson } from './api';
import { resolveTemplates } from './templates';

export interface Lookup {
  operation: string;
  input?: Record<string, unknown>;
}

export interface DdlOption {
  text: string;
  value: string;
}

/** What every form shares with its widgets (rjsf's formContext). */
export interface FormContext {
  /** The whole form's data: `{{{field}}}` templates read sibling fields from it. */
  data: unknown;
  rootSchema: any;
  /** Runs a DDL; the page keeps the bundle, so it knows which DDLs take a search term. */
  fillDropdown(operation: string, input: Record<string, unknown>): Promise<{ options: DdlOption[] } | { error: ConnectorErrorJson }>;
  takesSearch(operation: string): boolean;
}

const SEARCH_DELAY_MS = 250;

type State = { status: 'waiting'; missing: string[] } | { status: 'loading' } | { status: 'ready'; options: DdlOption[] } | { status: 'error'; error: ConnectorErrorJson };

/**
 * A dropdown filled by the DDL its `lookup` names, re-filled when the fields its templates name change (a
 * dependent dropdown: factors after a user is picked) and, where the DDL takes `search`, as the builder types.
 */
export function LookupWidget(props: WidgetProps) {
  const { id, value, onChange, disabled, readonly, label, options, registry } = props;
  const lookup = options.lookup as Lookup;
  const context = registry.formContext as FormContext;
  const { input, missing } = resolveTemplates(lookup.input, context.data);
  const searchable = context.takesSearch(lookup.operation);
  const [search, setSearch] = useState('');
  const [state, setState] = useState<State>({ status: 'loading' });
  const inputKey = JSON.stringify([input, missing]);
  const previousInput = useRef(inputKey);

  useEffect(() => {
    // The field a template names changed: the old choice belongs to the old list.
    if (previousInput.current !== inputKey) {
      previousInput.current = inputKey;
      if (value !== undefined && value !== '') onChange(undefined);
    }
    if (missing.length) {
      setState({ status: 'waiting', missing });
      return;
    }
    let live = true;
    setState({ status: 'loading' });
    const timer = setTimeout(
      () => {
        const ddlInput = searchable && search ? { ...input, search } : input;
        void context.fillDropdown(lookup.operation, ddlInput).then((result) => {
          if (!live) return;
          setState('error' in result ? { status: 'error', error: result.error } : { status: 'ready', options: result.options });
        });
      },
      search ? SEARCH_DELAY_MS : 0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [inputKey, search, lookup.operation]);

  const listed = state.status === 'ready' ? state.options : [];
  const current = value === undefined || value === null ? '' : String(value);
  const placeholder =
    state.status === 'loading'
      ? 'Loading…'
      : state.status === 'waiting'
        ? `Choose ${state.missing.map((f) => context.rootSchema?.properties?.[f]?.title ?? f).join(', ')} first`
        : state.status === 'error'
          ? 'Could not load the list'
          : listed.length
            ? '— choose —'
            : 'No matches';
  const errorId = `${id}__ddl-error`;
  return (
    <div className="lookup">
      {searchable && (
        <input type="search" aria-label={`Search ${label}`} placeholder={`Search ${label.toLowerCase()}…`} value={search} disabled={disabled || readonly} onChange={(e) => setSearch(e.target.value)} />
      )}
      <select
        id={id}
        value={current}
        disabled={disabled || readonly}
        aria-invalid={state.status === 'error' || undefined}
        aria-describedby={state.status === 'error' ? errorId : `${id}__description`}
        data-state={state.status}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      >
        <option value="">{placeholder}</option>
        {current && !listed.some((o) => o.value === current) && <option value={current}>{current}</option>}
        {listed.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
      {state.status === 'error' && (
        <p className="ddl-error" role="alert" id={errorId}>
          {lookup.operation}: {state.error.message}
        </p>
      )}
    </div>
  );
}
