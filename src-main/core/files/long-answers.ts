// An answer too long for the history: the history keeps its first million characters and a
// note, and the whole answer is saved as a file in the task's folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Longest answer kept in the history itself; a longer one is saved whole next to it. */
export const MAX_STORED_ANSWER = 1_000_000;

/** What the history keeps of `text`; `folder` is where the whole of a longer one goes. */
export function keepAnswer(folder: string, text: string): string {
  if (text.length <= MAX_STORED_ANSWER) return text;
  const size = `${(text.length / 1_000_000).toFixed(1)} million characters`;
  try {
    mkdirSync(folder, { recursive: true });
    const path = join(folder, 'answer.txt');
    writeFileSync(path, text);
    return `${text.slice(0, MAX_STORED_ANSWER)}\n\n[The answer is ${size} long; the history keeps the first million. The whole answer is saved in ${path}.]`;
  } catch (error) {
    return `${text.slice(0, MAX_STORED_ANSWER)}\n\n[The answer is ${size} long; the history keeps the first million, and the rest could not be saved: ${(error as Error).message}]`;
  }
}
