import { userInputError } from '../core/errors';

export interface GroupProfileInput {
  name?: string;
  description?: string;
  custom_profile?: Record<string, unknown>;
}

/**
 * The group profile fields a step sets: its custom attributes plus `name` and `description`. Those two have
 * their own fields (validated there), so `custom_profile` may not carry them too.
 */
export function groupProfileFields(input: GroupProfileInput): Record<string, unknown> {
  const custom = input.custom_profile ?? {};
  const clash = ['name', 'description'].filter((key) => Object.hasOwn(custom, key));
  if (clash.length > 0) {
    throw userInputError(`custom_profile must not contain ${clash.join(' or ')}: use the ${clash.join(' and ')} field instead`, ['custom_profile']);
  }
  const fields: Record<string, unknown> = {};
  if (input.name !== undefined) fields.name = input.name;
  if (input.description !== undefined) fields.description = input.description;
  return { ...fields, ...custom };
}
