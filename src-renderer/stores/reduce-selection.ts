// Ticked rows of a list (queue, history), as a set keyed by task id.
export type Checked = Record<string, true>;

export function toggled(checked: Checked, id: string): Checked {
  const next = { ...checked };
  if (next[id]) delete next[id];
  else next[id] = true;
  return next;
}

export function checkedOf(ids: string[]): Checked {
  return Object.fromEntries(ids.map((id) => [id, true as const]));
}
