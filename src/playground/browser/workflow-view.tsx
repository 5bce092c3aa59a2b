import { getDefaultFormState } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { useEffect, useState } from 'react';
import { callOperation, CallResult } from './api';
import { FormContext } from './lookup-widget';
import { BundledOperation, OperationForm } from './operation-form';
import { ResultPanel } from './output-panel';
import { setAt, valueAt } from './templates';

/** A field of a step filled from an earlier step's output (`path` inside it, e.g. `id` or `profile.login`). */
interface Mapping {
  field: string;
  fromStep: number;
  path: string;
}

interface Step {
  id: number;
  operation: string;
  data: Record<string, unknown>;
  mappings: Mapping[];
  schema?: any;
}

type StepResult = CallResult | { outcome: 'skipped'; reason: string };

/** The fields a mapping can fill: top-level fields, and the fields of top-level objects (profile.login). */
function mappableFields(schema: any): Array<{ path: string; title: string }> {
  return Object.entries<any>(schema?.properties ?? {}).flatMap(([name, field]) => [
    { path: name, title: field.title ?? name },
    ...Object.entries<any>(field.properties ?? {}).map(([child, f]) => ({ path: `${name}.${child}`, title: `${field.title ?? name} › ${f.title ?? child}` })),
  ]);
}

let nextId = 1;

/** The drag-and-drop step experience in miniature: steps in order, fields mapped from earlier outputs, run in order. */
export function WorkflowView({ operations, context }: { operations: BundledOperation[]; context: Omit<FormContext, 'data' | 'rootSchema'> }) {
  const byName = new Map(operations.map((op) => [op.name, op]));
  const runnable = operations.filter((op) => op.type !== 'ddl');
  const [steps, setSteps] = useState<Step[]>([]);
  const [adding, setAdding] = useState(runnable[0]?.name ?? '');
  const [results, setResults] = useState<Record<number, StepResult>>({});
  const [dragged, setDragged] = useState<number>();
  const [over, setOver] = useState<number>();

  // Pointer events rather than HTML5 drag and drop: the same code serves mouse, pen and touch.
  useEffect(() => {
    if (dragged === undefined) return;
    const drop = () => {
      if (over !== undefined) move(steps.findIndex((s) => s.id === dragged), over);
      setDragged(undefined);
      setOver(undefined);
    };
    window.addEventListener('pointerup', drop);
    return () => window.removeEventListener('pointerup', drop);
  }, [dragged, over, steps]);
  const [running, setRunning] = useState(false);

  const update = (id: number, change: Partial<Step>) => setSteps((all) => all.map((s) => (s.id === id ? { ...s, ...change } : s)));
  const move = (from: number, to: number) =>
    setSteps((all) => {
      if (to < 0 || to >= all.length || from === to) return all;
      const copy = [...all];
      const [step] = copy.splice(from, 1);
      copy.splice(to, 0, step);
      return copy;
    });

  async function runAll() {
    setRunning(true);
    const outputs = new Map<number, unknown>();
    const done: Record<number, StepResult> = {};
    setResults({});
    let failed = false;
    for (const [index, step] of steps.entries()) {
      if (failed) {
        done[step.id] = { outcome: 'skipped', reason: 'An earlier step failed' };
        continue;
      }
      const op = byName.get(step.operation)!;
      let input = getDefaultFormState(validator, step.schema ?? op.input_schema, step.data) as Record<string, unknown>;
      let problem: string | undefined;
      for (const m of step.mappings) {
        const source = steps.findIndex((s) => s.id === m.fromStep);
        if (source < 0 || source >= index) problem = `${m.field} is mapped from a step that no longer runs before this one`;
        else input = setAt(input, m.field, valueAt(outputs.get(m.fromStep), m.path));
      }
      const result: StepResult = problem ? { outcome: 'error', error: { type: 'user_input_error', message: problem, fields: [] } } : await callOperation(op.name, input);
      done[step.id] = result;
      if (result.outcome === 'success') outputs.set(step.id, result.output);
      else failed = true;
      setResults({ ...done });
    }
    setRunning(false);
  }

  return (
    <section aria-label="Workflow" className="workflow">
      <h2>Workflow</h2>
      <p>Add steps, drag them into order, fill a field from an earlier step's output, and run them in order.</p>
      <div className="add-step">
        <label>
          Operation for the new step{' '}
          <select value={adding} onChange={(e) => setAdding(e.target.value)}>
            {runnable.map((op) => (
              <option key={op.name} value={op.name}>
                {op.title}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setSteps((all) => [...all, { id: nextId++, operation: adding, data: {}, mappings: [] }])}>
          Add step
        </button>
      </div>
      <ol className="steps">
        {steps.map((step, index) => {
          const op = byName.get(step.operation)!;
          const earlier = steps.slice(0, index);
          const result = results[step.id];
          return (
            <li
              key={step.id}
              aria-label={`Step ${index + 1}: ${op.title}`}
              className={dragged === step.id ? 'step dragging' : dragged !== undefined && over === index ? 'step drop-here' : 'step'}
              onPointerEnter={() => dragged !== undefined && setOver(index)}
            >
              <header
                className="step-handle"
                title="Drag to reorder"
                onPointerDown={(e) => {
                  if (e.button !== 0 || (e.target as HTMLElement).closest('button')) return;
                  e.preventDefault(); // no text selection while dragging
                  setDragged(step.id);
                  setOver(index);
                }}
              >
                <span aria-hidden="true">⠿</span>
                <h3>
                  Step {index + 1}: {op.title}
                </h3>
                <button type="button" onClick={() => move(index, index - 1)} disabled={index === 0}>
                  Move up
                </button>
                <button type="button" onClick={() => move(index, index + 1)} disabled={index === steps.length - 1}>
                  Move down
                </button>
                <button type="button" onClick={() => setSteps((all) => all.filter((s) => s.id !== step.id))}>
                  Remove step
                </button>
              </header>
              <OperationForm
                op={op}
                data={step.data}
                onChange={(data) => update(step.id, { data })}
                onSchema={(schema) => update(step.id, { schema })}
                context={context}
                idPrefix={`step${step.id}`}
                readonlyFields={step.mappings.map((m) => m.field).filter((f) => !f.includes('.'))}
              />
              <MappingEditor step={step} earlier={earlier.map((s, i) => ({ id: s.id, label: `Step ${i + 1}: ${byName.get(s.operation)!.title}` }))} fields={mappableFields(step.schema ?? op.input_schema)} onChange={(mappings) => update(step.id, { mappings })} />
              {result && (result.outcome === 'skipped' ? <p>Skipped: {result.reason}</p> : <ResultPanel result={result} label={`Step ${index + 1} result`} />)}
            </li>
          );
        })}
      </ol>
      {steps.length > 0 && (
        <button type="button" className="run-workflow" onClick={() => void runAll()} disabled={running}>
          {running ? 'Running…' : 'Run workflow'}
        </button>
      )}
    </section>
  );
}

function MappingEditor(props: { step: Step; earlier: Array<{ id: number; label: string }>; fields: Array<{ path: string; title: string }>; onChange(mappings: Mapping[]): void }) {
  const { step, earlier, fields } = props;
  const [field, setField] = useState(fields[0]?.path ?? '');
  const [fromStep, setFromStep] = useState<number>();
  const [path, setPath] = useState('id');
  if (!earlier.length) return null;
  const source = fromStep ?? earlier[earlier.length - 1].id;
  const title = (p: string) => fields.find((f) => f.path === p)?.title ?? p;
  return (
    <div className="mappings" role="group" aria-label={`Field mappings of step ${earlier.length + 1}`}>
      {step.mappings.map((m) => (
        <p key={m.field} className="mapping">
          {title(m.field)} ← {earlier.find((e) => e.id === m.fromStep)?.label ?? 'a removed step'} output <code>{m.path}</code>{' '}
          <button type="button" onClick={() => props.onChange(step.mappings.filter((x) => x.field !== m.field))}>
            Unmap {title(m.field)}
          </button>
        </p>
      ))}
      <label>
        Field to map{' '}
        <select value={field} onChange={(e) => setField(e.target.value)}>
          {fields.map((f) => (
            <option key={f.path} value={f.path}>
              {f.title}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        From step{' '}
        <select value={source} onChange={(e) => setFromStep(Number(e.target.value))}>
          {earlier.map((e) => (
            <option key={e.id} value={e.id}>
              {e.label}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        Output path <input value={path} onChange={(e) => setPath(e.target.value)} size={14} />
      </label>{' '}
      <button type="button" disabled={!field || !path} onClick={() => props.onChange([...step.mappings.filter((m) => m.field !== field), { field, fromStep: source, path }])}>
        Map field
      </button>
    </div>
  );
}
