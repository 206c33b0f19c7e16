// A wide table's scroll box: focusable and named, so a keyboard user can scroll it with the
// arrows and a screen reader says what it holds (axe: scrollable-region-focusable).
import type { ReactNode } from 'react';

export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    // A focusable region is how a keyboard reaches a scroll box with nothing focusable inside.
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
