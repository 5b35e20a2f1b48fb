import { existsSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import type { FromSchema } from 'json-schema-to-ts';

/**
 * Every setting Sunlight reads from the environment, validated once at start-up.
 * `.env.example` documents each key; keep the two in step.
 */
export const envSchema = {
  type: 'object',
  properties: {
    NODE_ENV: { type: 'string', enum: ['development', 'production', 'test'], default: 'development' },
    LOG_LEVEL: { type: 'string', enum: ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], default: 'info' },
    SUNLIGHT_HOST: { type: 'string', minLength: 1, default: '127.0.0.1' },
    SUNLIGHT_DATA_DIR: { type: 'string', minLength: 1, default: '.data' },
    API_PORT: { type: 'integer', minimum: 1, maximum: 65535, default: 8080 },
    DESIGNER_PORT: { type: 'integer', minimum: 1, maximum: 65535, default: 5173 },
    TEMPORAL_ADDRESS: { type: 'string', pattern: '^[^:\\s]+:[0-9]{1,5}$', default: '127.0.0.1:7233' },
    TEMPORAL_NAMESPACE: { type: 'string', minLength: 1, default: 'default' },
    TEMPORAL_TASK_QUEUE: { type: 'string', minLength: 1, default: 'sunlight-cases' },
    TEMPORAL_UI_PORT: { type: 'integer', minimum: 1, maximum: 65535, default: 8233 },
    MONGODB_URI: { type: 'string', pattern: '^mongodb(\\+srv)?://', default: 'mongodb://127.0.0.1:27017/sunlight' },
    SUNLIGHT_EMBEDDED: { type: 'boolean', default: true },
    TIME_ZONE: { type: 'string', minLength: 1, default: 'Asia/Shanghai' },
    TIME_ZONE_OFFSET_MINUTES: { type: 'integer', minimum: -720, maximum: 840, default: 480 },
    JWT_SECRET: { type: 'string', minLength: 32 },
    JWT_TTL_MINUTES: { type: 'integer', minimum: 1, maximum: 10080, default: 480 },
    ADMIN_USERNAME: { type: 'string', pattern: '^[A-Za-z0-9._-]{3,64}$', default: 'admin' },
    ADMIN_PASSWORD: { type: 'string', minLength: 12 },
    ADMIN_PASSWORD_FILE: { type: 'string', minLength: 1 },
    WEB_APP_DIR: { type: 'string', minLength: 1 },
    SUNLIGHT_DEMO: { type: 'boolean', default: false },
    SUPERVISION_LOG_HASH: { type: 'string', enum: ['sha256', 'sm3'], default: 'sha256' },
    REMINDER_AFTER_MINUTES: { type: 'integer', minimum: 1, default: 240 },
    REMINDER_ESCALATE_AFTER_MINUTES: { type: 'integer', minimum: 1, default: 1440 },
    REMINDER_INTERVAL_SECONDS: { type: 'integer', minimum: 1, default: 300 },
    EXPORT_URL: { type: 'string', pattern: '^https?://' },
    EXPORT_SECRET: { type: 'string', minLength: 16 },
    EXPORT_BATCH_SIZE: { type: 'integer', minimum: 1, maximum: 5000, default: 200 },
    EXPORT_INTERVAL_SECONDS: { type: 'integer', minimum: 1, default: 60 },
    COMPLAINT_FIRST_RESPONSE_HOURS: { type: 'integer', minimum: 1, maximum: 168, default: 24 },
    COMPLAINT_HANDLING_DAYS: { type: 'integer', minimum: 1, maximum: 90, default: 15 },
    ANOMALY_DISPOSITION_DAYS: { type: 'integer', minimum: 1, maximum: 90, default: 5 },
    ANOMALY_OBJECTION_DAYS: { type: 'integer', minimum: 1, maximum: 90, default: 5 },
    ANOMALY_DECISION_DAYS: { type: 'integer', minimum: 1, maximum: 90, default: 5 },
    PUBLIC_COMPLAINTS_PER_HOUR: { type: 'integer', minimum: 1, maximum: 10000, default: 10 },
    PUBLIC_LOOKUP_FAILURES_PER_HOUR: { type: 'integer', minimum: 1, maximum: 10000, default: 30 },
    CONSULTATION_ANSWER_DAYS: { type: 'integer', minimum: 1, maximum: 30, default: 2 },
    CASE_RATING_WINDOW_DAYS: { type: 'integer', minimum: 1, maximum: 365, default: 15 },
    FOLLOW_UP_DAYS: { type: 'integer', minimum: 1, maximum: 60, default: 5 },
    TEMPORAL_PAYLOAD_KEYS: { type: 'string', pattern: '^\\s*[A-Za-z0-9._-]{1,64}:[A-Za-z0-9+/=]{43,44}\\s*(,\\s*[A-Za-z0-9._-]{1,64}:[A-Za-z0-9+/=]{43,44}\\s*)*$' },
    TEMPORAL_UI_ORIGIN: { type: 'string', pattern: '^https?://[^/\\s]+$', default: 'http://127.0.0.1:8233' },
    TRUST_PROXY: { type: 'string', minLength: 1, default: 'none' },
    SMTP_URL: { type: 'string', pattern: '^smtps?://' },
    MAIL_FROM: { type: 'string', minLength: 3 },
    WEBHOOK_URL: { type: 'string', pattern: '^https?://' },
    WEBHOOK_SECRET: { type: 'string', minLength: 16 },
    EXTERNAL_REPORT_TOLERANCE_DAYS: { type: 'integer', minimum: 0, maximum: 365, default: 1 },
    NOTIFY_TIMEOUT_SECONDS: { type: 'integer', minimum: 1, maximum: 300, default: 10 },
  },
  required: [],
  additionalProperties: true,
} as const;

export type Env = FromSchema<typeof envSchema, { keepDefaultedPropertiesOptional: false }>;

/** Raised when the environment is invalid; the message names every bad key. */
export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

const ajv = new Ajv({ coerceTypes: true, useDefaults: true, allErrors: true });
const validate = ajv.compile(envSchema);

function describe(error: ErrorObject): string {
  const key = error.instancePath.replace(/^\//, '') || String(error.params['missingProperty'] ?? '');
  return `${key}: ${error.message ?? 'is invalid'}`;
}

/**
 * Reads and validates the environment; throws {@link EnvError} listing every problem.
 * With no explicit source, a `.env` file in the working directory is loaded first
 * (variables already set win).
 */
export function loadEnv(source?: Record<string, string | undefined>): Env {
  if (!source) {
    if (existsSync('.env')) process.loadEnvFile('.env');
    source = process.env;
  }
  const known = Object.keys(envSchema.properties);
  const copy: Record<string, unknown> = {};
  for (const key of known) {
    const value = source[key];
    if (value !== undefined && value !== '') copy[key] = value;
  }
  if (!validate(copy)) throw new EnvError((validate.errors ?? []).map(describe));
  return copy as Env;
}
