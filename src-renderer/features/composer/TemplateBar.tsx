// "Start from template" fills the composer from a saved template; "Save as template" keeps
// the current inputs under a name (the same name replaces the older one).
import { useEffect, useState, type KeyboardEvent } from 'react';
import { deleteTemplate } from '../../stores/guarded-actions';
import { useTemplatesStore } from '../../stores/templates-store';
import type { ComposerForm } from './compose-input';
import { formFromTemplate, templateFromForm } from './template-form';
import { FormError } from '../common/FormError';

export function TemplateBar({
  form,
  onApply,
}: {
  form: ComposerForm;
  onApply(form: ComposerForm): void;
}) {
  const { templates, loaded, load, save } = useTemplatesStore();
  const [chosen, setChosen] = useState('');
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);

  function apply(templateName: string): void {
    setChosen(templateName);
    const template = templates.find((t) => t.name === templateName);
    if (template) onApply(formFromTemplate(template));
  }

  async function saveTemplate(): Promise<void> {
    const template = templateFromForm(form, name);
    if (typeof template === 'string') return setProblem(template);
    setProblem(null);
    if (await save(template)) {
      setNaming(false);
      setChosen(template.name);
    }
  }

  function onNameKey(event: KeyboardEvent<HTMLInputElement>): void {
    // Enter would otherwise submit the composer and run the task.
    if (event.key === 'Enter') {
      event.preventDefault();
      event.stopPropagation();
      void saveTemplate();
    } else if (event.key === 'Escape') {
      event.stopPropagation();
      setNaming(false);
    }
  }

  return (
    <div className="template-bar">
      <select
        aria-label="Start from template"
        value={chosen}
        onChange={(e) => apply(e.target.value)}
        disabled={templates.length === 0}
      >
        <option value="">{templates.length ? 'Start from template…' : 'No templates yet'}</option>
        {templates.map((t) => (
          <option key={t.name} value={t.name}>
            {t.name}
          </option>
        ))}
      </select>
      {chosen && templates.some((t) => t.name === chosen) && (
        <button
          type="button"
          className="small danger"
          onClick={() => {
            void deleteTemplate(chosen);
            setChosen('');
          }}
        >
          Delete template
        </button>
      )}
      {naming ? (
        <>
          <input
            aria-label="Template name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={onNameKey}
            autoFocus
            placeholder="Template name"
          />
          <button type="button" className="small" onClick={() => void saveTemplate()}>
            Save template
          </button>
          <button type="button" className="small" onClick={() => setNaming(false)}>
            Cancel
          </button>
        </>
      ) : (
        <button
          type="button"
          className="small"
          onClick={() => {
            setName(chosen);
            setProblem(null);
            setNaming(true);
          }}
        >
          Save as template
        </button>
      )}
      <FormError>{problem}</FormError>
    </div>
  );
}
