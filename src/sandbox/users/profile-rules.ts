import { oktaErrors } from '../core/okta-error-bodies';
import { OktaObject, SandboxOrg } from '../core/org';
import { userSchemaOfType } from '../meta/user-meta';
import { BASE_REQUIRED, baseUserProperties } from '../meta/user-schema-base';

/**
 * Okta validates a user's profile against the user schema of the user's type: the `#base` and `#custom`
 * subschemas (spec `UserSchema`, `getUserSchema`; Schema tag "Unique Attributes"). Causes read
 * `<attribute>: <message>` and the summary names the first attribute (docs/OKTA-NOTES.md#error-bodies).
 */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface ProfileSchema {
  properties: Record<string, OktaObject>;
  required: string[];
}

/** The attributes a user of `typeId` may have; without a stored schema (an org seeded without user types), the base ones. */
export function profileSchemaOf(org: SandboxOrg, typeId: string): ProfileSchema {
  const schema = userSchemaOfType(org, typeId);
  const base = schema?.definitions?.base ?? { properties: baseUserProperties(), required: BASE_REQUIRED };
  const custom = schema?.definitions?.custom ?? { properties: {}, required: [] };
  return {
    properties: { ...base.properties, ...custom.properties },
    required: [...(base.required ?? []), ...(custom.required ?? [])],
  };
}

const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function typeMatches(value: unknown, attribute: OktaObject): boolean {
  switch (attribute.type) {
    case 'string': return typeof value === 'string';
    case 'boolean': return typeof value === 'boolean';
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'array': return Array.isArray(value) && value.every((item) => typeMatches(item, attribute.items ?? { type: 'string' }));
    default: return true;
  }
}

function valueCauses(name: string, value: unknown, attribute: OktaObject): string[] {
  if (!typeMatches(value, attribute)) return [`${name}: Does not match required type ${attribute.type}`];
  const causes: string[] = [];
  const values = Array.isArray(value) ? value : [value];
  for (const item of values) {
    if (typeof item === 'string') {
      if (typeof attribute.minLength === 'number' && item.length < attribute.minLength) causes.push(`${name}: The field is too short (minimum ${attribute.minLength} characters)`);
      if (typeof attribute.maxLength === 'number' && item.length > attribute.maxLength) causes.push(`${name}: The field is too long (maximum ${attribute.maxLength} characters)`);
    }
    const allowed = attribute.enum ?? attribute.items?.enum;
    if (Array.isArray(allowed) && !allowed.includes(item)) causes.push(`${name}: Does not match one of the allowed values: ${allowed.join(', ')}`);
  }
  if (name === 'login' && typeof value === 'string' && !EMAIL_SHAPE.test(value)) causes.push('login: Username must be in the form of an email address');
  if (attribute.format === 'email' && typeof value === 'string' && !EMAIL_SHAPE.test(value)) causes.push(`${name}: Does not match required pattern`);
  return causes;
}

const isUnique = (attribute: OktaObject | undefined) => attribute?.unique === 'UNIQUE_VALIDATED' || attribute?.unique === true;

/** Unique attributes share one namespace across the user types that declare them unique; `null` never clashes. */
function uniquenessCauses(org: SandboxOrg, profile: OktaObject, schema: ProfileSchema, userId: string | undefined): string[] {
  const causes: string[] = [];
  for (const [name, attribute] of Object.entries(schema.properties)) {
    const value = profile[name];
    if (!isUnique(attribute) || blank(value)) continue;
    const clash = [...org.users.values()].some(
      (other) => other.id !== userId && other.profile?.[name] === value && isUnique(profileSchemaOf(org, other.type?.id).properties[name]),
    );
    if (clash) causes.push(`${name}: An object with this field already exists in the current organization`);
  }
  return causes;
}

export interface ProfileCheck {
  /** The complete profile after the write (merged for a partial update). */
  profile: OktaObject;
  typeId: string;
  /** The stored profile, for updates: READ_ONLY and IMMUTABLE attributes keep their value. */
  previous?: OktaObject;
  userId?: string;
}

function mutabilityCauses(check: ProfileCheck, schema: ProfileSchema): string[] {
  const causes: string[] = [];
  for (const [name, attribute] of Object.entries(schema.properties)) {
    const before = check.previous?.[name];
    const after = check.profile[name];
    const changed = JSON.stringify(before ?? null) !== JSON.stringify(after ?? null);
    if (!changed) continue;
    if (attribute.mutability === 'READ_ONLY') causes.push(`${name}: The field is read-only`);
    if (attribute.mutability === 'IMMUTABLE' && !blank(before)) causes.push(`${name}: The field is immutable and already has a value`);
  }
  return causes;
}

/**
 * Throws Okta's 400 E0000001 unless `profile` fits the user type's schema. Attributes the schema does not
 * define are refused first, as "Api validation failed: newUser" on a create (pulumi/pulumi-okta#388);
 * otherwise every violated rule is one cause (rapid7/insightconnect-plugins#315 shows the blank-field form).
 */
export function assertProfileFitsSchema(org: SandboxOrg, check: ProfileCheck): void {
  const schema = profileSchemaOf(org, check.typeId);
  const unknown = Object.keys(check.profile).filter((name) => !(name in schema.properties));
  if (unknown.length > 0) {
    throw oktaErrors.validation(check.previous ? 'profile' : 'newUser', unknown.map((name) => `Property name '${name}' is not defined in profile`));
  }
  const causes: string[] = [];
  for (const name of schema.required) if (blank(check.profile[name])) causes.push(`${name}: The field cannot be left blank`);
  for (const [name, value] of Object.entries(check.profile)) {
    if (value !== null && value !== undefined && !(blank(value) && schema.required.includes(name))) causes.push(...valueCauses(name, value, schema.properties[name]));
  }
  causes.push(...mutabilityCauses(check, schema));
  if (causes.length > 0) throw oktaErrors.fieldValidation(causes);
  const clashes = uniquenessCauses(org, check.profile, schema, check.userId);
  if (clashes.length > 0) throw oktaErrors.fieldValidation(clashes);
}

/** A profile body must be a JSON object. */
export function profileObject(profile: unknown): OktaObject {
  if (!profile || typeof profile !== 'object' || Array.isArray(profile)) throw oktaErrors.fieldValidation(['profile: The field cannot be left blank']);
  return profile as OktaObject;
}
