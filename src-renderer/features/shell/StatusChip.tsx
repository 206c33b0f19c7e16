import type { TaskStatus } from '../../../src-main/contract/index';
import { STATUS_LABEL } from '../../format';

export function StatusChip({ status }: { status: TaskStatus }) {
  return <span className={`chip chip-${status}`}>{STATUS_LABEL[status]}</span>;
}
