// The rules (consultation-rules, rating-rules) are imported by their workflows and the API directly.
export * from './consultation';
export * from './rating';
