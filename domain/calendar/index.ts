// Working-day arithmetic only; the national data lives in ./chinese-days so that code
// which is handed a calendar does not bundle it.
export * from './errors';
export * from './local-date';
export * from './schema';
export * from './check';
export * from './working-days';
export * from './deadlines';
export { calendarIndex, type CalendarIndex } from './calendar-index';
export * from './notice';
export * from './window';
