// The content hash of a scenario's inputs (for the comparison and the decision record): SHA-256 of
// each input's canonical JSON, and of the sorted list of those. Here at the edge because it needs
// node:crypto; which inputs there are and how they are written is the domain's (input-changes.ts).
import { createHash } from 'node:crypto';
import { scenarioInputs } from '../domain/comparison/input-changes.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';

export interface InputFingerprint {
  /** One hash of all the inputs. */
  hash: string;
  /** Per input (`offers/DEU-1`, `header/mission`), the hash of its content. */
  inputs: Record<string, string>;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function inputFingerprint(doc: ScenarioDocument): InputFingerprint {
  const inputs: Record<string, string> = {};
  for (const [id, text] of [...scenarioInputs(doc)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    inputs[id] = sha256(text);
  const hash = sha256(
    Object.entries(inputs)
      .map(([id, h]) => `${id}=${h}`)
      .join('\n'),
  );
  return { hash, inputs };
}
