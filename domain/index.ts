export * from './calendar/index';
export * from './calendar/chinese-days';
export * from './clock/index';
export * from './schedule-types';
export * from './schedule';
export * from './definition/index';
