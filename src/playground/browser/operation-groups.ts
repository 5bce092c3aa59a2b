/** The sidebar's groups, in order, and which operations fall in each (by what their names are about). */
export const GROUPS = ['Users', 'Groups', 'Factors', 'Schemas and types', 'Applications', 'System Log', 'Advanced'] as const;
export type GroupName = (typeof GROUPS)[number];

// First match wins: "add_user_to_group" is about groups, "enroll_sms_factor" about factors, "get_user_schema" about schemas.
const RULES: Array<[RegExp, GroupName]> = [
  [/factor|security_question|totp/, 'Factors'],
  [/schema|user_type|profile_custom_field/, 'Schemas and types'],
  [/system_log|log_event/, 'System Log'],
  [/raw_http/, 'Advanced'],
  [/(^|_)apps?(_|$)|application/, 'Applications'],
  [/group/, 'Groups'],
  [/user/, 'Users'],
];

export function groupOf(name: string): GroupName {
  return RULES.find(([pattern]) => pattern.test(name))?.[1] ?? 'Advanced';
}

export interface Listed {
  name: string;
  title: string;
  description: string;
  kind: 'operation' | 'ddl' | 'trigger';
}

/** The entries whose title or name holds every word of the search, grouped, empty groups left out. */
export function groupEntries(entries: Listed[], search: string): Array<{ group: GroupName; entries: Listed[] }> {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (e: Listed) => words.every((w) => `${e.title} ${e.name}`.toLowerCase().includes(w));
  return GROUPS.map((group) => ({ group, entries: entries.filter((e) => groupOf(e.name) === group && matches(e)) })).filter((g) => g.entries.length);
}
