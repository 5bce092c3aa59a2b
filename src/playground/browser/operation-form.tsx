import Form from '@rjsf/core';
import { ErrorSchema, RegistryWidgetsType } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { useEffect, useMemo, useState } from 'react';
import { ConnectorErrorJson, resolveSchema } from './api';
import { FormContext, LookupWidget } from './lookup-widget';
import { FoldingObjectTemplate } from './object-template';
import { uiSchemaFor } from './ui-schema';

export interface BundledOperation {
  name: string;
  title: string;
  description: string;
  type: string;
  dynamic_schema?: Array<'input' | 'output'>;
  input_schema: any;
  output_schema: any;
}

const widgets: RegistryWidgetsType = { lookup: LookupWidget };
const templates = { ObjectFieldTemplate: FoldingObjectTemplate };

/** A typed error's `fields` as rjsf errors on those fields, each with its part of the message. */
export function errorSchemaFor(error: ConnectorErrorJson | undefined): ErrorSchema {
  const schema: any = {};
  if (!error?.fields) return schema;
  const parts = error.message.replace(/^Invalid input: /, '').split('; ');
  for (const field of error.fields) {
    if (field === '(input)' || field.startsWith('options')) continue;
    const own = parts.find((p) => p.startsWith(`${field} `));
    const node = field.split('.').reduce((at, key) => (at[key] ??= {}), schema);
    (node.__errors ??= []).push(own ? own.slice(field.length + 1) : error.message);
  }
  return schema;
}

/** The top-level fields that pick org objects: a dynamic schema is resolved again when one changes. */
const pickerFields = (schema: any) => Object.entries<any>(schema?.properties ?? {}).filter(([, f]) => f.lookup).map(([name]) => name);

/**
 * An operation's input as an rjsf form: the bundle's schema, or (for operations with a dynamic input schema)
 * the org's version of it for the form as filled so far.
 */
export function OperationForm(props: {
  op: BundledOperation;
  data: Record<string, unknown>;
  onChange(data: Record<string, unknown>): void;
  context: Omit<FormContext, 'data' | 'rootSchema'>;
  idPrefix: string;
  error?: ConnectorErrorJson;
  readonlyFields?: string[];
  onSubmit?(data: Record<string, unknown>): void;
  submitText?: string;
  onSchema?(schema: any): void;
}) {
  const { op, data } = props;
  const dynamic = op.dynamic_schema?.includes('input');
  const [schema, setSchema] = useState<any>(op.input_schema);
  const [schemaError, setSchemaError] = useState<string>();
  const pickers = pickerFields(op.input_schema);
  const pickedKey = JSON.stringify(pickers.map((f) => data[f] ?? null));

  useEffect(() => setSchema(op.input_schema), [op.name]);

  useEffect(() => {
    if (!dynamic) return;
    let live = true;
    const picked = Object.fromEntries(pickers.filter((f) => data[f] !== undefined).map((f) => [f, data[f]]));
    void resolveSchema(op.name, 'input', picked).then((answer) => {
      if (!live) return;
      if (answer.outcome === 'success') {
        setSchema(answer.schema);
        setSchemaError(undefined);
      } else setSchemaError(answer.error.message);
    });
    return () => {
      live = false;
    };
  }, [op.name, pickedKey]);

  useEffect(() => props.onSchema?.(schema), [schema]);

  const uiSchema = useMemo(
    () => ({
      ...uiSchemaFor(schema, props.readonlyFields),
      'ui:submitButtonOptions': props.onSubmit ? { submitText: props.submitText ?? 'Run' } : { norender: true },
    }),
    [schema, props.readonlyFields?.join(','), !!props.onSubmit],
  );
  const formContext: FormContext = { ...props.context, data, rootSchema: schema };
  const extraErrors = useMemo(() => errorSchemaFor(props.error), [props.error]);

  return (
    <div className="operation-form" data-dynamic={dynamic ? (schema === op.input_schema ? 'static' : 'resolved') : undefined}>
      {schemaError && (
        <p role="alert" className="schema-error">
          The org's fields could not be loaded: {schemaError}
        </p>
      )}
      <Form
        schema={schema}
        uiSchema={uiSchema}
        formData={data}
        validator={validator}
        widgets={widgets}
        templates={templates}
        formContext={formContext}
        idPrefix={props.idPrefix}
        extraErrors={extraErrors}
        showErrorList={false}
        noValidate
        noHtml5Validate
        onChange={(event) => props.onChange((event.formData ?? {}) as Record<string, unknown>)}
        onSubmit={(event) => props.onSubmit?.((event.formData ?? {}) as Record<string, unknown>)}
      />
    </div>
  );
}
