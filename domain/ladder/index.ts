export * from './types';
export * from './schedule';
export * from './limits';
export * from './lock';
export * from './pause-limits';
export * from './holder';
