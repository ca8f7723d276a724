/**
 * Older rulebook files stay readable: each format version has a step to the next, applied on reading.
 * Format 1 (2022–2025 tool): exactly two kinds of unit, `phong` and `khoi`, and the texts a kind's
 * units send under `documents.kinds`. Format 2: any kinds (`kinds` by id), each with its own texts
 * (`kinds.<id>.documents`).
 */
import { SCHEMA_VERSION } from './schema';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Format 1 -> 2: `documents.kinds.<id>` moves to `kinds.<id>.documents`. */
function v1ToV2(rb: Json): Json {
  const out: Json = { ...rb, schemaVersion: 2 };
  const docs = isObject(rb.documents) ? rb.documents : null;
  if (!docs || !isObject(docs.kinds) || !isObject(rb.kinds)) return out;
  const kinds: Json = { ...rb.kinds };
  for (const [id, texts] of Object.entries(docs.kinds)) {
    if (texts !== undefined && isObject(kinds[id])) kinds[id] = { ...(kinds[id] as Json), documents: texts };
  }
  const rest: Json = { ...docs };
  delete rest.kinds;
  out.kinds = kinds;
  out.documents = rest;
  return out;
}

const STEPS: Record<number, (rb: Json) => Json> = { 1: v1ToV2 };

/** The version a file declares, or null when it declares none (left to the schema to refuse). */
export function declaredVersion(data: unknown): number | null {
  return isObject(data) && typeof data.schemaVersion === 'number' && Number.isInteger(data.schemaVersion) ? data.schemaVersion : null;
}

/**
 * Brings parsed rulebook JSON of an older format up to SCHEMA_VERSION (a new object; the input is
 * not changed). A file of the current format, or one that declares no known version, is returned as
 * it is for the schema to judge. Throws `NewerFormat` for a format newer than this program reads.
 */
export function migrateRulebook(data: unknown): unknown {
  let version = declaredVersion(data);
  if (version === null || version === SCHEMA_VERSION || version < 1) return data;
  if (version > SCHEMA_VERSION) throw new NewerFormat(version);
  let rb = data as Json;
  while (version < SCHEMA_VERSION) {
    rb = STEPS[version](rb);
    version++;
  }
  return rb;
}

export class NewerFormat extends Error {
  constructor(readonly version: number) {
    super(`rulebook format ${version} is newer than ${SCHEMA_VERSION}`);
  }
}
