// Kept in step with package.json by test/structure.test.ts (reading package.json at run time would cost a file read per cold start).
export const VERSION = '0.1.0';
export const USER_AGENT = `okta-connector/${VERSION}`;
