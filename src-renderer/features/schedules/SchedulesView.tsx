// Schedules: WebRun's triggers, which run a task on WebRun's side at a time, every interval or
// on a cron expression, even while this computer is off. Each with its schedule in words, next
// run, status (an auto-paused one flagged with its reason), failures in a row, and its recent
// runs with their cost; created, edited, paused, resumed, run now, deleted (confirmed).
import { useEffect, useState } from 'react';
import type { TriggerView } from '../../../src-main/contract/index';
import { ZonedTime } from './ZonedTime';
import { useEnvironmentsStore } from '../../stores/environments-store';
import { deleteSchedule } from '../../stores/guarded-actions';
import { useSchedulesStore } from '../../stores/schedules-store';
import { lifecycleActions, RowActions } from '../common/RowActions';
import { ListOrEmpty, ViewShell } from '../common/ViewShell';
import { ScheduleForm } from './ScheduleForm';
import { ScheduleRuns } from './ScheduleRuns';

const STATUS_CHIP: Record<string, string> = {
  active: 'running',
  paused: 'paused',
  completed: 'completed',
};

export function SchedulesView() {
  const {
    triggers,
    loading,
    error,
    selectedId,
    load,
    select,
    create,
    update,
    act,
    setBudgetCap,
    importRuns,
  } = useSchedulesStore();
  const environments = useEnvironmentsStore((s) => s.environments);
  const loadEnvironments = useEnvironmentsStore((s) => s.load);
  const [editing, setEditing] = useState<TriggerView | 'new' | null>(null);
  useEffect(() => {
    void load();
    void loadEnvironments();
  }, [load, loadEnvironments]);
  const envName = (id: string | null): string =>
    id ? (environments.find((e) => e.id === id)?.name ?? id) : '—';
  const selected = triggers.find((t) => t.id === selectedId) ?? null;

  return (
    <ViewShell
      titleId="schedules-title"
      title="Schedules"
      className="page"
      create={{
        label: 'New schedule',
        onClick: () => setEditing('new'),
        disabled: editing !== null,
      }}
      refresh={{ onClick: () => void load(), busy: loading }}
      tools={
        <button type="button" className="small" onClick={() => void importRuns()}>
          Import runs now
        </button>
      }
      hint="WebRun runs these on its side, also while this computer is off; their runs come into the history (marked with their schedule) and count in your spend."
      editor={
        editing && (
          <ScheduleForm
            key={editing === 'new' ? 'new' : editing.id}
            editing={editing === 'new' ? null : editing}
            onSave={(fields) => (editing === 'new' ? create(fields) : update(editing.id, fields))}
            onCancel={() => setEditing(null)}
          />
        )
      }
      loadError={{ what: 'schedules', error }}
    >
      <div className="schedule-layout">
        <ListOrEmpty
          count={triggers.length}
          loading={loading}
          empty="No schedules yet. Create one to run a task every morning, every hour, or once at a set time."
        >
          <table className="data-table" aria-label="Schedules">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Schedule</th>
                <th scope="col">Next run</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Failures
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {triggers.map((t) => (
                <tr key={t.id} className={t.id === selectedId ? 'selected' : undefined}>
                  <td>
                    <button
                      type="button"
                      className="link"
                      aria-label={`Show runs of ${t.name}`}
                      onClick={() => void select(t.id)}
                    >
                      {t.name}
                    </button>
                    <div className="hint">in {envName(t.environmentId)}</div>
                  </td>
                  <td>{t.scheduleText}</td>
                  <td>
                    {t.nextRunAt === null ? '—' : <ZonedTime ms={t.nextRunAt} zone={t.timezone} />}
                  </td>
                  <td>
                    <span className={`chip chip-${STATUS_CHIP[t.status] ?? 'queued'}`}>
                      {t.status}
                    </span>
                    {t.pausedReason && (
                      <div
                        className="auto-paused"
                        role="note"
                        aria-label={`Why ${t.name} is paused`}
                      >
                        ⚠ {t.pausedReason}
                      </div>
                    )}
                  </td>
                  <td className="num">
                    {t.consecutiveFailures} / {t.maxConsecutiveFailures}
                  </td>
                  <RowActions
                    actions={lifecycleActions(t.name, {
                      edit: () => setEditing(t),
                      pause: t.status === 'active' ? () => void act('pause', t.id) : null,
                      resume: t.status === 'paused' ? () => void act('resume', t.id) : null,
                      run: () => void act('run', t.id),
                      remove: () => void deleteSchedule(t),
                    })}
                  />
                </tr>
              ))}
            </tbody>
          </table>
        </ListOrEmpty>
        {selected && (
          <ScheduleRuns
            trigger={selected}
            onBudgetCap={(capped) => void setBudgetCap(selected.id, capped)}
            onClose={() => void select(null)}
          />
        )}
      </div>
    </ViewShell>
  );
}
