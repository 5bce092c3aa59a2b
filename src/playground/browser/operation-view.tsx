import { useEffect, useState } from 'react';
import { callOperation, CallResult, unreachable } from './api';
import { FormContext } from './lookup-widget';
import { BundledOperation, OperationForm } from './operation-form';
import { ResultPanel } from './output-panel';
import { SamplesView } from './samples-view';

/** One operation: its form, a Run button, the output or typed error, and its samples. */
export function OperationView({ op, context, dryRunAvailable }: { op: BundledOperation; context: Omit<FormContext, 'data' | 'rootSchema'>; dryRunAvailable: boolean }) {
  const [data, setData] = useState<Record<string, unknown>>({});
  const [result, setResult] = useState<CallResult>();
  const [running, setRunning] = useState(false);
  const [dryRun, setDryRun] = useState(false);

  useEffect(() => {
    setData({});
    setResult(undefined);
  }, [op.name]);

  async function run(input: Record<string, unknown>) {
    setRunning(true);
    setResult(undefined);
    try {
      setResult(await callOperation(op.name, input, dryRun ? { dryRun: true } : undefined));
    } catch (error) {
      setResult(unreachable(error));
    } finally {
      setRunning(false);
    }
  }

  return (
    <article className="operation" aria-label={op.title}>
      <header>
        <h2>{op.title}</h2>
        <p className="op-name">
          <code>{op.name}</code>
          {op.type === 'ddl' ? ' · dropdown (DDL)' : ''}
          {op.dynamic_schema?.length ? ` · org-specific ${op.dynamic_schema.join(' and ')} schema` : ''}
        </p>
        <p>{op.description}</p>
      </header>
      {dryRunAvailable && (
        <label className="dry-run">
          <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> Dry run (check the call against the org, change nothing)
        </label>
      )}
      <OperationForm
        op={op}
        data={data}
        onChange={setData}
        context={context}
        idPrefix="root"
        error={result?.outcome === 'error' ? result.error : undefined}
        onSubmit={(input) => void run(input)}
        submitText={running ? 'Running…' : 'Run'}
      />
      {result && <ResultPanel result={result} label="Output" />}
      <SamplesView operation={op.name} onLoad={(input) => setData(structuredClone(input))} />
    </article>
  );
}
