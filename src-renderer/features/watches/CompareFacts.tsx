// What the two runs did and cost, side by side: cost, tokens, duration, steps with the change,
// visited domains new and gone, files added and removed, questions asked. All text, no links.
import type { RunComparison } from '../../../src-main/contract/watches';
import { formatUsd, formatDuration, formatTokens } from '../../format';
import { Sides } from './CompareOutput';

type Delta = RunComparison['cost'];

const FACTS: {
  key: 'cost' | 'tokens' | 'durationMs' | 'steps';
  label: string;
  show(n: number): string;
}[] = [
  { key: 'cost', label: 'Cost', show: (n) => formatUsd(n) },
  { key: 'tokens', label: 'Tokens', show: (n) => formatTokens(n) },
  { key: 'durationMs', label: 'Duration', show: (n) => formatDuration(Math.abs(n)) },
  { key: 'steps', label: 'Steps', show: (n) => String(n) },
];

function change(delta: Delta, show: (n: number) => string): string {
  if (delta.change === null) return 'unknown';
  if (delta.change === 0) return 'same';
  return `${delta.change > 0 ? '+' : '−'}${show(Math.abs(delta.change))}`;
}

function List({ items, none }: { items: string[]; none: string }) {
  if (items.length === 0) return <p className="hint">{none}</p>;
  return (
    <ul className="compare-list">
      {items.map((item) => (
        <li key={item} className="url-cell">
          {item}
        </li>
      ))}
    </ul>
  );
}

/** Both sides, or one line when both are empty (files and questions are rarely there). */
function Both(o: {
  topic: string;
  title: string;
  before: string[];
  after: string[];
  none: string;
  noneBefore: string;
  noneAfter: string;
}) {
  return (
    <>
      <h3 className="section-title">{o.title}</h3>
      {o.before.length === 0 && o.after.length === 0 ? (
        <p className="hint">{o.none}</p>
      ) : (
        <Sides
          topic={o.topic}
          before={<List items={o.before} none={o.noneBefore} />}
          after={<List items={o.after} none={o.noneAfter} />}
        />
      )}
    </>
  );
}

export function CompareFacts({ result }: { result: RunComparison }) {
  return (
    <>
      <table className="data-table compare-facts" aria-label="Cost, tokens, duration and steps">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Measure</span>
            </th>
            <th scope="col" className="num">
              Before
            </th>
            <th scope="col" className="num">
              After
            </th>
            <th scope="col" className="num">
              Change
            </th>
          </tr>
        </thead>
        <tbody>
          {FACTS.map((f) => {
            const d = result[f.key];
            return (
              <tr key={f.key}>
                <th scope="row">{f.label}</th>
                <td className="num">{d.before === null ? 'unknown' : f.show(d.before)}</td>
                <td className="num">{d.after === null ? 'unknown' : f.show(d.after)}</td>
                <td className="num">{change(d, f.show)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3 className="section-title">Visited domains</h3>
      <Sides
        topic="visited domains"
        before={<List items={result.domains.removed} none="No domain gone." />}
        after={<List items={result.domains.added} none="No new domain." />}
      />
      <Both
        topic="files"
        title="Files"
        before={result.files.removed}
        after={result.files.added}
        none="No file added or removed."
        noneBefore="No file removed."
        noneAfter="No file added."
      />
      <Both
        topic="questions"
        title="Questions asked"
        before={result.questions.before}
        after={result.questions.after}
        none="No question asked in either run."
        noneBefore="None."
        noneAfter="None."
      />
    </>
  );
}
