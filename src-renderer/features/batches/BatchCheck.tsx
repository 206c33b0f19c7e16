// The check of a draft batch, before anything is sent: rows and columns found, rows that need
// fixing (with their lines) and the choice to skip them, the first rendered prompts, and the
// estimate of cost and time.
import { useBatchesStore } from '../../stores/batches-store';
import { FormError } from '../common/FormError';

export function BatchCheck() {
  const preparation = useBatchesStore((s) => s.preparation)!;
  const skip = useBatchesStore((s) => s.skipProblems);
  const onSkip = useBatchesStore((s) => s.setSkipProblems);
  const { unknownColumns, problems, preview, estimate, preflight, rowCount, columns } = preparation;
  return (
    <section className="detail batch-check" aria-label="Check of the rows">
      <h2 className="page-title">Check of the rows</h2>
      <p>
        {rowCount} row{rowCount === 1 ? '' : 's'}, columns: {columns.join(', ') || 'none'}.
      </p>
      <FormError>
        {unknownColumns.length > 0 &&
          `The template names ${unknownColumns.map((c) => `{{${c}}}`).join(', ')}, which the rows do not have. Fix the template or the header line.`}
      </FormError>
      {problems.length > 0 && (
        <div className="form-error" role="alert">
          <p>
            {problems.length === 1
              ? '1 row needs fixing; nothing is sent until it is fixed or skipped:'
              : `${problems.length} rows need fixing; nothing is sent until they are fixed or skipped:`}
          </p>
          <ul className="problems">
            {problems.slice(0, 20).map((p) => (
              <li key={p.line}>{p.message}</li>
            ))}
            {problems.length > 20 && <li>… and {problems.length - 20} more.</li>}
          </ul>
          <label>
            <input type="checkbox" checked={skip} onChange={(e) => onSkip(e.target.checked)} />{' '}
            {problems.length === 1 ? 'Skip this row' : `Skip these ${problems.length} rows`}
          </label>
        </div>
      )}
      {preview.length > 0 && (
        <>
          <h3 className="section-title">Preview</h3>
          <ol className="preview" aria-label="Rendered prompts">
            {preview.map((p) => (
              <li key={p.line}>
                <span className="muted">line {p.line}:</span> {p.prompt}
                {p.startingUrl && <span className="muted"> — {p.startingUrl}</span>}
              </li>
            ))}
          </ol>
        </>
      )}
      <h3 className="section-title">Estimate</h3>
      <p className="estimate" aria-label="Estimate">
        {estimate.text}
      </p>
      <p
        className={preflight.ok ? 'muted' : 'notice-inline budget-blocked'}
        role={preflight.ok ? undefined : 'alert'}
        aria-label="Balance check"
      >
        {preflight.text}
        {!preflight.ok && ' Starting it asks you to confirm these amounts first.'}
      </p>
      <p className="muted">
        Nothing has been sent. Start the batch from the form when the check is right.
      </p>
    </section>
  );
}
