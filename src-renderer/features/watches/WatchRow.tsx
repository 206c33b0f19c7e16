// One watch in the list: name (opens its runs), schedule, last run with its verdict, pass and
// flap rates over its last 20 runs, next run, state, and its actions.
import type { WatchView } from '../../../src-main/contract/watches';
import { formatTime } from '../../format';
import { deleteWatch } from '../../stores/guarded-actions';
import { useWatchesStore } from '../../stores/watches-store';
import { lifecycleActions, RowActions } from '../common/RowActions';
import { ZonedTime } from '../schedules/ZonedTime';
import { percent, STATE_WORDS, VERDICT_CHIP } from './watch-words';

export function WatchRow({
  watch: w,
  selected,
  onEdit,
}: {
  watch: WatchView;
  selected: boolean;
  onEdit(): void;
}) {
  const select = useWatchesStore((s) => s.select);
  const act = useWatchesStore((s) => s.act);
  const last = w.lastRun;
  const active = w.state === 'active';
  return (
    <tr className={selected ? 'selected' : undefined}>
      <td>
        <button
          type="button"
          className="link"
          aria-label={`Show runs of ${w.name}`}
          aria-current={selected ? 'true' : undefined}
          onClick={() => void select(w.id)}
        >
          {w.name}
        </button>
        {w.missed > 0 && <div className="hint">{w.missed} missed while off</div>}
      </td>
      <td>{w.scheduleText}</td>
      <td>
        {last ? (
          <>
            <time dateTime={new Date(last.dueAt).toISOString()}>{formatTime(last.dueAt)}</time>
            <div>
              {last.verdict ? (
                <span className={`chip ${VERDICT_CHIP[last.verdict]}`}>{last.verdict}</span>
              ) : (
                <span className="chip chip-running">{last.taskStatus ?? 'sent'}</span>
              )}
              {last.material && <span className="chip chip-paused">changed</span>}
            </div>
          </>
        ) : (
          <span className="hint">not run yet</span>
        )}
      </td>
      <td className="num" title={`${w.rates.runs} judged run(s) of the last 20`}>
        {percent(w.rates.passRate)}
      </td>
      <td className="num">{percent(w.rates.flapRate)}</td>
      <td>
        {w.nextRunAt === null ? '—' : <ZonedTime ms={w.nextRunAt} zone={w.schedule.timezone} />}
      </td>
      <td>
        <span className={`chip ${w.state === 'active' ? 'chip-running' : 'chip-paused'}`}>
          {STATE_WORDS[w.state]}
        </span>
        {w.reason && (
          <div className="auto-paused" role="note">
            ⚠ {w.reason}
          </div>
        )}
      </td>
      <RowActions
        actions={lifecycleActions(w.name, {
          edit: onEdit,
          pause: active ? () => void act('pause', w.id) : null,
          resume: active ? null : () => void act('resume', w.id),
          run: () => void act('runNow', w.id),
          runBlocked: active ? undefined : 'Resume it to run it',
          remove: () => void deleteWatch(w),
        })}
      />
    </tr>
  );
}
