import { CallResult } from './api';

/** A call's result: the output, or the typed error with the fields it names. */
export function ResultPanel({ result, label }: { result: CallResult; label: string }) {
  if (result.outcome === 'success') {
    return (
      <section aria-label={label} className="output">
        <h3>{label}</h3>
        <pre>{JSON.stringify(result.output, null, 2)}</pre>
      </section>
    );
  }
  const { error } = result;
  return (
    <section aria-label={`${label}: error`} className="error-result">
      <div role="alert">
        <strong>{error.type}</strong>: {error.message}
        {error.fields?.length ? <p>Fields: {error.fields.join(', ')}</p> : null}
        {error.okta ? <p>Okta: {JSON.stringify(error.okta)}</p> : null}
        {error.requestId ? <p>Okta request id: {error.requestId}</p> : null}
      </div>
    </section>
  );
}
