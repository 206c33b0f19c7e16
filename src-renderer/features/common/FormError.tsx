// The one way a form says what is wrong: an alert paragraph with an id, so the field it is
// about can point at it with aria-describedby (see `describedBy`). Nothing renders without text.
import type { ReactNode } from 'react';

export function FormError({
  id,
  children,
  className = '',
}: {
  id?: string;
  children: ReactNode;
  className?: string;
}) {
  if (children === null || children === undefined || children === false || children === '')
    return null;
  return (
    <p id={id} className={`form-error ${className}`.trim()} role="alert">
      {children}
    </p>
  );
}

/** The ARIA attributes that tie a field to its error while there is one. */
export function describedBy(
  errorId: string,
  error: unknown,
): { 'aria-describedby'?: string; 'aria-invalid'?: true } {
  return error ? { 'aria-describedby': errorId, 'aria-invalid': true } : {};
}
