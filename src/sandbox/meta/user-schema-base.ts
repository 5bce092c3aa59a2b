import { OktaObject } from '../core/org';

/** One attribute as Okta's schemas show it: mutability, scope, permissions and master come with every one. */
export function attribute(title: string, type: string, extra: OktaObject = {}): OktaObject {
  return {
    title,
    type,
    required: false,
    mutability: 'READ_WRITE',
    scope: 'NONE',
    permissions: [{ principal: 'SELF', action: 'READ_WRITE' }],
    master: { type: 'PROFILE_MASTER' },
    ...extra,
  };
}

const text = (title: string, extra: OktaObject = {}) => attribute(title, 'string', extra);

/** Okta's `#base` user profile subschema (`UserSchemaBaseProperties`), in the order Okta lists it. */
export function baseUserProperties(): Record<string, OktaObject> {
  return {
    login: text('Username', { required: true, minLength: 5, maxLength: 100, pattern: '.+' }),
    firstName: text('First name', { required: true, minLength: 1, maxLength: 50 }),
    lastName: text('Last name', { required: true, minLength: 1, maxLength: 50 }),
    middleName: text('Middle name'),
    honorificPrefix: text('Honorific prefix'),
    honorificSuffix: text('Honorific suffix'),
    email: text('Primary email', { required: true, format: 'email' }),
    title: text('Title'),
    displayName: text('Display name'),
    nickName: text('Nickname'),
    profileUrl: text('Profile Url', { format: 'uri' }),
    secondEmail: text('Secondary email', { format: 'email' }),
    mobilePhone: text('Mobile phone', { maxLength: 100 }),
    primaryPhone: text('Primary phone', { maxLength: 100 }),
    streetAddress: text('Street address'),
    city: text('City'),
    state: text('State'),
    zipCode: text('Zip code'),
    countryCode: text('Country code', { format: 'country-code' }),
    postalAddress: text('Postal Address'),
    preferredLanguage: text('Preferred language', { format: 'language-code' }),
    locale: text('Locale', { format: 'locale' }),
    timezone: text('Time zone', { format: 'timezone' }),
    userType: text('User type'),
    employeeNumber: text('Employee number'),
    costCenter: text('Cost center'),
    organization: text('Organization'),
    division: text('Division'),
    department: text('Department'),
    managerId: text('ManagerId'),
    manager: text('Manager'),
  };
}

export const BASE_REQUIRED = ['login', 'firstName', 'lastName', 'email'];
