// One labelled field of the watch editor with its mistake under it, tied by aria-describedby
// (FormError's pattern), so a screen reader hears what is wrong with the field it is on.
import type { ReactNode } from 'react';
import { describedBy, FormError } from '../common/FormError';

export function WatchField({
  id,
  label,
  error,
  wide = false,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={wide ? 'field wide' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      <FormError id={`${id}-error`}>{error}</FormError>
    </div>
  );
}

/** The ARIA attributes of a field whose mistake WatchField shows. */
export const invalid = (id: string, error: string | undefined) => describedBy(`${id}-error`, error);
