import type { ComplaintView } from '../../domain/oversight/complaint';
import type { SupervisionOrderView } from '../../domain/oversight/order';

/** The order as the workflow hands it to the recorder (its view without the history). */
export type SupervisionOrderRecord = Omit<SupervisionOrderView, 'history'> & { updatedAt: number };
/** The complaint as the workflow hands it to the recorder (its view without the history). */
export type ComplaintRecord = Omit<ComplaintView, 'history'> & { updatedAt: number };
