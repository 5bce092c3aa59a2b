import { useEffect, useState } from 'react';
import { getSamples, Sample } from './api';

const show = (value: unknown) => JSON.stringify(value, null, 2);

/** The operation's sample payloads: input, the Okta exchanges, the output or error; each can fill the form. */
export function SamplesView({ operation, onLoad }: { operation: string; onLoad(input: Record<string, unknown>): void }) {
  const [samples, setSamples] = useState<Record<string, Sample>>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    setSamples(undefined);
    getSamples(operation).then(
      (answer) => setSamples(answer.samples),
      (e: Error) => setError(e.message),
    );
  }, [operation]);
  if (error) return <p role="alert">Samples could not be loaded: {error}</p>;
  if (!samples) return <p>Loading samples…</p>;
  return (
    <section aria-label="Samples" className="samples">
      <h3>Samples</h3>
      {Object.entries(samples).map(([name, sample]) => (
        <details key={name} className="sample" aria-label={`Sample ${name}`}>
          <summary>
            <code>{name}</code> {sample.description}
          </summary>
          <button type="button" onClick={() => onLoad((sample.input ?? {}) as Record<string, unknown>)} aria-label={`Load sample ${name} into the form`}>
            Load into form
          </button>
          <h4>Input</h4>
          <pre>{show(sample.input)}</pre>
          <h4>Okta exchanges ({sample.exchanges.length})</h4>
          {sample.exchanges.map((x, i) => {
            const query = new URLSearchParams((x.request.query ?? {}) as Record<string, string>).toString();
            return (
              <div key={i} className="exchange">
                <code>
                  {x.request.method} {x.request.path}
                  {query ? `?${query}` : ''} → {x.response.status}
                </code>
                {x.request.body != null && <pre aria-label="Request body">{show(x.request.body)}</pre>}
                {x.response.body != null && <pre aria-label="Response body">{show(x.response.body)}</pre>}
              </div>
            );
          })}
          <h4>{sample.error ? 'Error' : 'Output'}</h4>
          <pre>{show(sample.error ?? sample.output)}</pre>
        </details>
      ))}
    </section>
  );
}
