// The composer: a prompt and an optional starting URL. Input is checked here for the quick
// message, and again by the core's schema, which is the real gate.
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTasksStore } from '../../stores/tasks-store';

function urlProblem(value: string): string | null {
  if (value.trim() === '') return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? null : 'Starting URL must start with http:// or https://.';
  } catch {
    return 'Starting URL must be a full address, such as https://example.com.';
  }
}

export function Composer() {
  const createTask = useTasksStore((s) => s.create);
  const [prompt, setPrompt] = useState('');
  const [startingUrl, setStartingUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(): Promise<void> {
    if (busy) return;
    if (prompt.trim() === '') {
      setError('Describe the task: the prompt is empty.');
      return;
    }
    const problem = urlProblem(startingUrl);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const sent = { prompt, startingUrl };
      await createTask({ prompt, startingUrl: startingUrl.trim() === '' ? null : startingUrl.trim() });
      // Clear only what was sent: the user may already be typing the next task.
      setPrompt((current) => (current === sent.prompt ? '' : current));
      setStartingUrl((current) => (current === sent.startingUrl ? '' : current));
    } catch (e) {
      // Keep what the user typed: nothing is lost when the core refuses.
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    void submit();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  }

  return (
    <form className="composer" onSubmit={onSubmit} aria-label="New task" noValidate>
      <label htmlFor="prompt">Task</label>
      <textarea
        id="prompt"
        value={prompt}
        onChange={(e) => setPrompt(e.target.value)}
        onKeyDown={onKeyDown}
        placeholder="What should the agent do? e.g. Find the three cheapest flights from Paris to Lisbon next Friday"
        rows={4}
      />
      <label htmlFor="starting-url">Starting URL (optional)</label>
      <input
        id="starting-url"
        type="url"
        value={startingUrl}
        onChange={(e) => setStartingUrl(e.target.value)}
        placeholder="https://example.com"
      />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="composer-actions">
        <span className="hint">Ctrl+Enter to run</span>
        <button type="submit" disabled={busy}>
          Run
        </button>
      </div>
    </form>
  );
}
