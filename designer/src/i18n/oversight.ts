import type { Shape } from './zh';

/** Texts of supervision orders (督办) and complaint handling (投诉), under the `oversight` key; en has the same shape as zh. */
const zh = {
  oversight: {},
};

const en: Shape<typeof zh> = {
  oversight: {},
};

export const oversightTexts = { zh, en };
