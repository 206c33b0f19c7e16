// Ctrl/Cmd+K: one field that finds any command (new task, a template to run, a task by its
// text, the next question, pause / resume, any view). A combobox over a listbox: arrows move,
// Enter runs, Esc closes and Modal gives the focus back to where it was.
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useCommandBarStore } from '../../stores/command-bar-store';
import { useInboxStore } from '../../stores/inbox-store';
import { useQueueStore } from '../../stores/queue-store';
import { useTasksStore } from '../../stores/tasks-store';
import { useTemplatesStore } from '../../stores/templates-store';
import { Modal } from '../common/Modal';
import { runAction } from './command-actions';
import { commandsFor, type Command } from './commands';
import { TemplateRunDialog } from './TemplateRunDialog';

const SEARCH_DELAY_MS = 150;

function useCommands(query: string): Command[] {
  const templates = useTemplatesStore((s) => s.templates);
  const byId = useTasksStore((s) => s.byId);
  const order = useTasksStore((s) => s.order);
  const found = useCommandBarStore((s) => s.found);
  const waitingQuestions = useInboxStore((s) => s.items.length);
  const paused = useQueueStore((s) => (s.status ? s.status.paused : null));
  const tasks = useMemo(() => order.map((id) => byId[id]!).filter(Boolean), [order, byId]);
  return useMemo(
    () => commandsFor(query, { templates, tasks, found, waitingQuestions, queuePaused: paused }),
    [query, templates, tasks, found, waitingQuestions, paused],
  );
}

function CommandBarDialog() {
  const hide = useCommandBarStore((s) => s.hide);
  const search = useCommandBarStore((s) => s.search);
  const loaded = useTemplatesStore((s) => s.loaded);
  const loadTemplates = useTemplatesStore((s) => s.load);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const commands = useCommands(query);
  const base = useId();
  const listId = `${base}-list`;
  const optionId = (i: number): string => `${base}-option-${i}`;
  const current = Math.min(active, commands.length - 1);

  useEffect(() => {
    if (!loaded) void loadTemplates();
  }, [loaded, loadTemplates]);
  useEffect(() => {
    const timer = setTimeout(() => void search(query), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, search]);
  useEffect(() => {
    document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' });
  });

  function run(command: Command | undefined): void {
    if (!command) return;
    const found = useCommandBarStore.getState().found;
    hide();
    runAction(command.action, found);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    const n = commands.length;
    if (event.key === 'ArrowDown' && n > 0) setActive((current + 1) % n);
    else if (event.key === 'ArrowUp' && n > 0) setActive((current - 1 + n) % n);
    else if (event.key === 'Enter') run(commands[current]);
    else return;
    event.preventDefault();
  }

  return (
    <Modal title="Command bar" onClose={hide} className="command-bar">
      <input
        type="text"
        role="combobox"
        aria-label="Command"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={current >= 0 ? optionId(current) : undefined}
        placeholder="Type a command, a template or a task…"
        autoComplete="off"
        spellCheck={false}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        autoFocus
      />
      <ul id={listId} role="listbox" aria-label="Commands" className="command-list">
        {commands.map((command, i) => (
          <li
            key={command.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === current}
            className={i === current ? 'active' : undefined}
            // The field keeps the focus: a click must not move it onto the list.
            onMouseDown={(e) => e.preventDefault()}
            onMouseMove={() => i !== current && setActive(i)}
            onClick={() => run(command)}
          >
            <span className="command-label">{command.label}</span>{' '}
            {command.detail && <span className="command-detail">{command.detail}</span>}
          </li>
        ))}
      </ul>
      {commands.length === 0 && <p className="empty">No command matches “{query}”.</p>}
      <p className="hint command-keys">
        <kbd>↑</kbd> <kbd>↓</kbd> to choose · <kbd>Enter</kbd> to run · <kbd>Esc</kbd> to close
      </p>
    </Modal>
  );
}

export function CommandBar() {
  const open = useCommandBarStore((s) => s.open);
  const name = useCommandBarStore((s) => s.template);
  const close = useCommandBarStore((s) => s.closeTemplate);
  const template = useTemplatesStore((s) => s.templates.find((t) => t.name === name));
  if (open) return <CommandBarDialog />;
  return template ? (
    <TemplateRunDialog key={template.name} template={template} onClose={close} />
  ) : null;
}
