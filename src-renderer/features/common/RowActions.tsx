// The last cell of a row in a list of things: its actions as small buttons, each named for the
// thing it acts on ("Pause Morning prices"), so a screen reader in the table hears which row a
// button belongs to. The lifecycle of a scheduled thing (edit, pause or resume, run now,
// delete) is written once here for schedules and watches.
export interface RowAction {
  /** What the button says ("Run now"). */
  text: string;
  /** Its accessible name, with the thing's name ("Run Morning prices now"). */
  label: string;
  onClick(): void;
  danger?: boolean;
  disabled?: boolean;
  title?: string;
}

export function RowActions({ actions }: { actions: readonly (RowAction | null)[] }) {
  return (
    <td className="actions">
      {actions.map(
        (a) =>
          a && (
            <button
              key={a.text}
              type="button"
              className={a.danger ? 'small danger' : 'small'}
              aria-label={a.label}
              title={a.title}
              disabled={a.disabled}
              onClick={a.onClick}
            >
              {a.text}
            </button>
          ),
      )}
    </td>
  );
}

/**
 * Edit, Pause or Resume (whichever applies; neither for one that has ended), Run now and
 * Delete, for a thing named `name`. `runBlocked` says why Run now is off, when it is.
 */
export function lifecycleActions(
  name: string,
  o: {
    edit(): void;
    pause: (() => void) | null;
    resume: (() => void) | null;
    run(): void;
    runBlocked?: string;
    remove(): void;
  },
): (RowAction | null)[] {
  return [
    { text: 'Edit', label: `Edit ${name}`, onClick: o.edit },
    o.pause && { text: 'Pause', label: `Pause ${name}`, onClick: o.pause },
    o.resume && { text: 'Resume', label: `Resume ${name}`, onClick: o.resume },
    {
      text: 'Run now',
      label: `Run ${name} now`,
      onClick: o.run,
      disabled: o.runBlocked !== undefined,
      title: o.runBlocked,
    },
    { text: 'Delete', label: `Delete ${name}`, onClick: o.remove, danger: true },
  ];
}
