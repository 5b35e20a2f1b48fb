import type { ComplaintView } from '../../workflows/complaint/contract';
import type { SupervisionOrderView } from '../../workflows/supervision-order/contract';

/** The order as the workflow hands it to the recorder (its view without the history). */
export type SupervisionOrderRecord = Omit<SupervisionOrderView, 'history'> & { updatedAt: number };
/** The complaint as the workflow hands it to the recorder (its view without the history). */
export type ComplaintRecord = Omit<ComplaintView, 'history'> & { updatedAt: number };
