import type { Shape } from './zh';

/** Texts of performance evaluation (绩效测评), rankings and appeals (申诉), under the `evaluation` key; en has the same shape as zh. */
const zh = {
  evaluation: {},
};

const en: Shape<typeof zh> = {
  evaluation: {},
};

export const evaluationTexts = { zh, en };
