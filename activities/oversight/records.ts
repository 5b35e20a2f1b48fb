import type { ComplaintView } from '../../domain/oversight/complaint';
import type { SupervisionOrderView } from '../../domain/oversight/order';

/** The order as the workflow hands it to the recorder (its view without the history). */
export type SupervisionOrderRecord = Omit<SupervisionOrderView, 'history'> & { updatedAt: number };
/** The complaint as the workflow hands it to the recorder (its view without the history). */
export type ComplaintRecord = Omit<ComplaintView, 'history'> & { updatedAt: number };
import type { AnomalyDispositionView } from '../../domain/oversight/anomaly';

/** An anomaly's disposition as the workflow hands it to the recorder (its view without the history). */
export type AnomalyDispositionRecord = Omit<AnomalyDispositionView, 'history'> & { updatedAt: number };
