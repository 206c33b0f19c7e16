// The core's words for a schedule as it is typed (triggers.preview for a schedule,
// watches.preview for a watch): asked 200 ms after the last change, so typing a cron expression
// asks once rather than once a key, and an answer to an older text is dropped.
import { useEffect, useState } from 'react';
import type { MethodInput } from '../../../src-main/contract/index';
import { deskClient } from '../../api/desk-client';

/** The schedule in words and its next runs, or why it is not a schedule. */
export interface Preview {
  text: string;
  nextRuns: number[];
  error: string | null;
}

type PreviewMethod = 'triggers.preview' | 'watches.preview';

/** Null until the first answer. A refused call is the preview's error, as the core's own is. */
export function usePreview<M extends PreviewMethod>(
  method: M,
  input: MethodInput<M>,
): Preview | null {
  const [preview, setPreview] = useState<Preview | null>(null);
  // By value: a form builds a new input object on every render.
  const key = JSON.stringify(input);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      const show = (p: Preview): void => {
        if (live) setPreview(p);
      };
      deskClient()
        .call(method, JSON.parse(key) as MethodInput<M>)
        .then(show)
        .catch((error: Error) => show({ text: '', nextRuns: [], error: error.message }));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [method, key]);
  return preview;
}
