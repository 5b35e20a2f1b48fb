export * from './calendar/index';
export * from './calendar/chinese-days';
export * from './clock/index';
export * from './ladder/index';
export * from './definition/index';
export * from './oversight/index';
export * from './records/vocabulary';
export * from './refusal';
