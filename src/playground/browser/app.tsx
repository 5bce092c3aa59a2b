import { useEffect, useMemo, useState } from 'react';
import { callOperation, getJson, hasCallerKey, setCallerKey, whenKeyNeeded } from './api';
import { DdlOption, FormContext } from './lookup-widget';
import { BundledOperation } from './operation-form';
import { groupEntries, Listed } from './operation-groups';
import { OperationView } from './operation-view';
import { BundledTrigger, TriggerView } from './trigger-view';
import { WorkflowView } from './workflow-view';

interface Bundle {
  title?: string;
  operations: BundledOperation[];
  /** docs/TRIGGERS.md */
  triggers?: BundledTrigger[];
}

function KeyPrompt({ onSaved }: { onSaved(): void }) {
  const [key, setKey] = useState('');
  return (
    <form
      className="key-prompt"
      aria-label="Enter a caller key"
      onSubmit={(e) => {
        e.preventDefault();
        setCallerKey(key.trim());
        onSaved();
      }}
    >
      <h2>This service needs a caller key</h2>
      <p>It is kept in this tab only (sessionStorage) and sent as a bearer token to this service.</p>
      <label>
        Caller key <input type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} />
      </label>
      <button type="submit">Use this key</button>
    </form>
  );
}

export function App() {
  const [bundle, setBundle] = useState<Bundle>();
  const [loadError, setLoadError] = useState<string>();
  const [needKey, setNeedKey] = useState(false);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string>();
  const [view, setView] = useState<'operation' | 'workflow'>('operation');
  const [attempt, setAttempt] = useState(0);

  useEffect(() => whenKeyNeeded(() => setNeedKey(true)), []);
  useEffect(() => {
    getJson<Bundle>('/connector').then(
      (b) => {
        setBundle(b);
        setLoadError(undefined);
      },
      (e: Error) => setLoadError(e.message),
    );
  }, [attempt]);

  const byName = useMemo(() => new Map((bundle?.operations ?? []).map((op) => [op.name, op])), [bundle]);
  const triggerByName = useMemo(() => new Map((bundle?.triggers ?? []).map((t) => [t.name, t])), [bundle]);
  const context: Omit<FormContext, 'data' | 'rootSchema'> = useMemo(
    () => ({
      takesSearch: (name) => !!byName.get(name)?.input_schema?.properties?.search,
      fillDropdown: async (name, input) => {
        const answer = await callOperation(name, input).catch((e: Error) => ({ outcome: 'error' as const, error: { type: 'connector_error', message: e.message } }));
        return answer.outcome === 'success' ? { options: ((answer.output as { result?: DdlOption[] })?.result ?? []) as DdlOption[] } : { error: answer.error };
      },
    }),
    [byName],
  );

  if (needKey) {
    return (
      <KeyPrompt
        onSaved={() => {
          setNeedKey(false);
          setAttempt((n) => n + 1);
        }}
      />
    );
  }
  if (loadError) return <p role="alert">The connector could not be loaded: {loadError}</p>;
  if (!bundle) return <p>Loading the connector…</p>;

  const entries: Listed[] = [
    ...bundle.operations.map((op) => ({ name: op.name, title: op.title, description: op.description, kind: op.type === 'ddl' ? ('ddl' as const) : ('operation' as const) })),
    ...(bundle.triggers ?? []).map((t) => ({ name: t.name, title: t.title, description: t.description, kind: 'trigger' as const })),
  ];
  const groups = groupEntries(entries, search);
  const op = selected ? byName.get(selected) : undefined;
  const trigger = selected ? triggerByName.get(selected) : undefined;

  return (
    <div className="app">
      <nav aria-label="Operations">
        <h1>{bundle.title ?? 'Okta'} playground</h1>
        <div className="views">
          <button type="button" aria-pressed={view === 'operation'} onClick={() => setView('operation')}>
            Operations
          </button>
          <button type="button" aria-pressed={view === 'workflow'} onClick={() => setView('workflow')}>
            Workflow
          </button>
          {hasCallerKey() && (
            <button type="button" onClick={() => { setCallerKey(''); setNeedKey(true); }}>
              Forget key
            </button>
          )}
        </div>
        <input type="search" aria-label="Search operations" placeholder="Search operations…" value={search} onChange={(e) => setSearch(e.target.value)} />
        {groups.length === 0 && <p>No operation matches “{search}”.</p>}
        {groups.map(({ group, entries: listed }) => (
          <section key={group} aria-label={group} className="group">
            <h2>{group}</h2>
            <ul>
              {listed.map((e) => (
                <li key={e.name}>
                  <button
                    type="button"
                    aria-current={selected === e.name ? 'true' : undefined}
                    title={e.description}
                    onClick={() => {
                      setSelected(e.name);
                      setView('operation');
                    }}
                  >
                    {e.title}
                    {e.kind === 'ddl' ? <span className="badge">dropdown</span> : e.kind === 'trigger' ? <span className="badge">trigger</span> : null}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </nav>
      <main>
        {view === 'workflow' ? (
          <WorkflowView operations={bundle.operations} context={context} />
        ) : trigger ? (
          <TriggerView key={trigger.name} trigger={trigger} context={context} />
        ) : op ? (
          <OperationView key={op.name} op={op} context={context} dryRunAvailable={op.type !== 'ddl'} />
        ) : (
          <p className="hint">Pick an operation on the left to see its form, run it against the org and browse its samples, or a trigger to watch its events arrive.</p>
        )}
      </main>
    </div>
  );
}
