import { FormContext } from './lookup-widget';
import { BundledOperation } from './operation-form';
import { PollPanel } from './poll-panel';
import { SubscriptionPanel } from './subscription-panel';

export interface BundledTrigger {
  name: string;
  title: string;
  description: string;
  kind: 'webhook' | 'polling';
  input_schema: any;
  output_schema: any;
}

/** One trigger: its input form (the same renderer as operations) and, by kind, subscribe or poll. */
export function TriggerView({ trigger, context }: { trigger: BundledTrigger; context: Omit<FormContext, 'data' | 'rootSchema'> }) {
  const form: BundledOperation = { ...trigger, type: 'trigger' };
  const Panel = trigger.kind === 'polling' ? PollPanel : SubscriptionPanel;
  return (
    <article className="operation trigger" aria-label={trigger.title}>
      <header>
        <h2>{trigger.title}</h2>
        <p className="op-name">
          <code>{trigger.name}</code> · {trigger.kind === 'polling' ? 'polling trigger' : 'event trigger (Okta event hook)'}
        </p>
        <p>{trigger.description}</p>
      </header>
      <Panel form={form} context={context} />
    </article>
  );
}
