export * from './types';
export * from './errors';
export * from './transitions';
export * from './paused-days';
