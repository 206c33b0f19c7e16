// Saved templates and their checks: each template's checks (the watch editor's rule rows, the
// same component) judge every completed run started from it, and the list shows its pass and
// flap rate over its last 20 judged runs. A watch made from a template starts with a copy of its
// checks and is judged by its own. Names are user text: rendered as text only.
import { useEffect, useState } from 'react';
import type { Template } from '../../../src-main/contract/index';
import { useTemplatesStore } from '../../stores/templates-store';
import { RowActions } from '../common/RowActions';
import { ListOrEmpty, ViewShell } from '../common/ViewShell';
import { checkOf, rowOf, type CheckRow } from './check-rows';
import { ChecksFields } from './ChecksFields';
import type { FormErrors } from './watch-form';
import { percent, ratesText } from './watch-words';

function ChecksEditor({ template, onDone }: { template: Template; onDone(): void }) {
  const save = useTemplatesStore((s) => s.save);
  const [rows, setRows] = useState<CheckRow[]>(() => (template.checks ?? []).map(rowOf));
  const [errors, setErrors] = useState<FormErrors>({});
  const [saving, setSaving] = useState(false);

  async function submit(): Promise<void> {
    const found: FormErrors = {};
    const checks = rows.flatMap((row) => {
      const result = checkOf(row);
      if ('check' in result) return [result.check];
      found[`check-${row.key}`] = result.error;
      return [];
    });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    const saved = await save({ ...template, checks });
    setSaving(false);
    if (saved) onDone();
  }

  return (
    <form
      className="watch-form"
      aria-label={`Checks of template ${template.name}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 className="section-title">
        Checks of the template <q>{template.name}</q>
      </h3>
      <ChecksFields id="template-checks" checks={rows} errors={errors} onChange={setRows} />
      <div className="button-row">
        <button type="submit" className="small primary" disabled={saving}>
          Save checks
        </button>
        <button type="button" className="small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function TemplatesPanel() {
  const { templates, rates, load, loadRates } = useTemplatesStore();
  const [editing, setEditing] = useState<string | null>(null);
  useEffect(() => {
    void load();
    void loadRates();
  }, [load, loadRates]);
  const open = templates.find((t) => t.name === editing) ?? null;
  const ratesOf = new Map(rates.map((r) => [r.name, r]));

  return (
    <ViewShell
      titleId="templates-title"
      title="Templates"
      level="panel"
      className="templates-panel"
      hint="A template’s checks judge every completed run started from it (from the composer, the command bar or a schedule): pass, fail, or unverified when no check applies. Save a template from the composer; its checks are set here."
      editor={
        open && <ChecksEditor key={open.name} template={open} onDone={() => setEditing(null)} />
      }
    >
      <ListOrEmpty count={templates.length} loading={false} empty="No templates yet.">
        <div className="table-wrap">
          <table className="data-table" aria-label="Templates">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="num">
                  Checks
                </th>
                <th scope="col" className="num">
                  Pass rate
                </th>
                <th scope="col" className="num">
                  Flap rate
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {templates.map((t) => {
                const r = ratesOf.get(t.name);
                return (
                  <tr key={t.name} className={t.name === editing ? 'selected' : undefined}>
                    <td>{t.name}</td>
                    <td className="num">{t.checks?.length ?? 0}</td>
                    <td
                      className="num"
                      title={r ? `${r.rates.runs} judged run(s) of the last 20` : undefined}
                    >
                      {r ? percent(r.rates.passRate) : '—'}
                    </td>
                    <td className="num">{r ? percent(r.rates.flapRate) : '—'}</td>
                    <RowActions
                      actions={[
                        {
                          text: 'Edit checks',
                          label: `Edit the checks of ${t.name}`,
                          title: r && r.rates.runs > 0 ? ratesText(r.rates) : undefined,
                          onClick: () => setEditing(t.name),
                          disabled: editing !== null,
                        },
                      ]}
                    />
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="hint">Pass and flap rates are over each template’s last 20 judged runs.</p>
        </div>
      </ListOrEmpty>
    </ViewShell>
  );
}
