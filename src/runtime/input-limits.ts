import { ConnectorError } from '../core/errors';

/** Bounds on a JSON body checked before validation, so no input costs more than its size suggests. */
export interface InputLimits {
  /** Nesting of objects and arrays. */
  maxDepth: number;
  /** Object keys plus array items, over the whole body. */
  maxMembers: number;
  /** Characters in any one string (keys included). */
  maxStringLength: number;
}

export const DEFAULT_INPUT_LIMITS: Readonly<InputLimits> = Object.freeze({ maxDepth: 32, maxMembers: 10_000, maxStringLength: 65_536 });

const limitError = (message: string, field: string) => new ConnectorError('user_input_error', message, { fields: [field] });

/**
 * The nesting depth of JSON text, by one pass over it (strings skipped), so a body nested 100,000 deep is
 * refused without being parsed into 100,000 objects.
 */
export function assertJsonTextDepth(text: string, maxDepth: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > maxDepth) throw limitError(`The body is nested deeper than ${maxDepth} levels (limit maxDepth)`, '(body)');
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    }
  }
}

interface Node {
  value: unknown;
  parent?: Node;
  key?: string | number;
  depth: number;
}

function pathOf(node: Node, root: string): string {
  const parts: Array<string | number> = [];
  // Keys come from the caller: each is cut short so a message stays small whatever the body holds.
  for (let n: Node | undefined = node; n?.parent; n = n.parent) parts.push(typeof n.key === 'string' && n.key.length > 64 ? `${n.key.slice(0, 64)}…` : n.key!);
  return parts.reverse().reduce<string>((path, part) => (typeof part === 'number' ? `${path}[${part}]` : path ? `${path}.${part}` : part), root);
}

/**
 * Walks a parsed value once, without recursion, and refuses it at the first limit it passes, naming the
 * field (`input.profile.nickName`) and the limit. Cost is linear in the size of the value.
 */
export function assertWithinLimits(value: unknown, limits: InputLimits = DEFAULT_INPUT_LIMITS, root = ''): void {
  const stack: Node[] = [{ value, depth: 0 }];
  const name = (node: Node) => pathOf(node, root) || '(body)';
  let members = 0;
  while (stack.length) {
    const node = stack.pop()!;
    const v = node.value;
    if (typeof v === 'string') {
      if (v.length > limits.maxStringLength) throw limitError(`${name(node)} is longer than ${limits.maxStringLength} characters (limit maxStringLength)`, name(node));
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (node.depth >= limits.maxDepth) throw limitError(`${name(node)} is nested deeper than ${limits.maxDepth} levels (limit maxDepth)`, name(node));
    const keys = Array.isArray(v) ? undefined : Object.keys(v);
    members += keys ? keys.length : (v as unknown[]).length;
    if (members > limits.maxMembers) {
      throw limitError(`The body holds more than ${limits.maxMembers} keys and array items (limit maxMembers); passed at ${name(node)}`, name(node));
    }
    if (!keys) {
      (v as unknown[]).forEach((item, i) => stack.push({ value: item, parent: node, key: i, depth: node.depth + 1 }));
      continue;
    }
    for (const key of keys) {
      const child: Node = { value: (v as Record<string, unknown>)[key], parent: node, key, depth: node.depth + 1 };
      if (key.length > limits.maxStringLength) throw limitError(`A key in ${name(node)} is longer than ${limits.maxStringLength} characters (limit maxStringLength)`, name(node));
      stack.push(child);
    }
  }
}
