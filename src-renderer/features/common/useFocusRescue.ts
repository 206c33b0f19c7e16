// When the control that has the focus disappears (Stop once the task has stopped, Pause once it
// ended), the browser drops the focus to the page's top and a keyboard user is lost. This hook
// gives it to a fallback in the same area instead, after every change of `watch`, but only if
// the focus really was inside the area and nothing else took it since.
import { useEffect, useRef, type RefObject } from 'react';

export function useFocusRescue(
  area: RefObject<HTMLElement | null>,
  fallback: RefObject<HTMLElement | null>,
  watch: unknown,
): void {
  const inside = useRef(false);
  // Listened to on the document: the area may mount after this hook (nothing selected yet).
  useEffect(() => {
    const onIn = (event: FocusEvent): void => {
      inside.current = area.current?.contains(event.target as Node) ?? false;
    };
    const onOut = (event: FocusEvent): void => {
      const target = event.target as HTMLElement;
      if (!area.current?.contains(target)) return;
      // Focus given to nothing: a click on the page, unless the control is being removed.
      if (!event.relatedTarget)
        queueMicrotask(() => target.isConnected && (inside.current = false));
    };
    document.addEventListener('focusin', onIn);
    document.addEventListener('focusout', onOut);
    return () => {
      document.removeEventListener('focusin', onIn);
      document.removeEventListener('focusout', onOut);
    };
  }, [area]);
  useEffect(() => {
    const active = document.activeElement;
    if (inside.current && (active === null || active === document.body)) fallback.current?.focus();
  }, [watch, fallback]);
}
