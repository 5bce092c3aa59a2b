import { followPointer, resolveRef, Schema } from './schema-documents';

/** Keywords that only make sense on a schema document's root: dropped once its content is inlined. */
const DOCUMENT_KEYWORDS = ['$id', '$schema', 'definitions'];

/**
 * The schema document `id` with every `$ref` replaced by (a copy of) its target, recursively: the result has
 * no `$ref` and no `$id`, so it stands alone. Throws on a dangling or circular `$ref`, or a `$ref` with siblings.
 */
export function dereferenceSchema(docs: Map<string, Schema>, id: string): Schema {
  const root = docs.get(id);
  if (!root) throw new Error(`unknown schema ${id}`);
  return inline(docs, id, root, true, []) as Schema;
}

function inline(docs: Map<string, Schema>, baseId: string, node: unknown, isDocumentRoot: boolean, trail: string[]): unknown {
  if (Array.isArray(node)) return node.map((child) => inline(docs, baseId, child, false, trail));
  if (!node || typeof node !== 'object') return node;
  const obj = node as Schema;
  if (typeof obj.$ref === 'string') {
    const { id, pointer } = resolveRef(baseId, obj.$ref);
    const where = `${id}#${pointer}`;
    if (Object.keys(obj).length > 1) throw new Error(`${baseId}: $ref ${obj.$ref} has sibling keywords (wrap it in allOf)`);
    if (trail.includes(where)) throw new Error(`${baseId}: circular $ref ${[...trail, where].join(' → ')}`);
    const doc = docs.get(id);
    if (!doc) throw new Error(`${baseId}: $ref ${obj.$ref} names no known schema`);
    return inline(docs, id, followPointer(doc, pointer), pointer === '' || pointer === '/', [...trail, where]);
  }
  const copy: Schema = {};
  for (const [key, value] of Object.entries(obj)) {
    if (isDocumentRoot && DOCUMENT_KEYWORDS.includes(key)) continue;
    copy[key] = inline(docs, baseId, value, false, trail);
  }
  return copy;
}
