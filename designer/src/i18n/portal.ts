import type { Shape } from './zh';

/** Texts of the public portal (办事大厅: case progress, catalogue, rankings, complaints), under the `portal` key; en has the same shape as zh. */
const zh = {
  portal: {},
};

const en: Shape<typeof zh> = {
  portal: {},
};

export const portalTexts = { zh, en };
