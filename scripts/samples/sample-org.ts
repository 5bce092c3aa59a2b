/** The org and credential every sample runs against: the sample suite replays at this host, the record script writes it. */
export const SAMPLE_ORG = 'https://acme.okta.com';
export const SAMPLE_TOKEN = '00SampleApiTokenNotARealOne0000000000000000';
export const SAMPLE_AUTH = { domain: 'acme.okta.com', api_token: SAMPLE_TOKEN };
