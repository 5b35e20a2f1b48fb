import { randomBytes } from 'node:crypto';
import type { Env } from '../config/env';
import { DEFAULT_REPORT_TOLERANCE_DAYS } from '../domain/interconnection/report-time';
import { assertHashAvailable, type HashAlgorithm } from './supervision-log/chain';

/** What the API needs from the configuration, so tests can build it without an environment. */
export interface ApiSettings {
  jwtSecret: string;
  tokenTtlMinutes: number;
  taskQueue: string;
  timeZone: string;
  utcOffsetMinutes: number;
  /** Longest wait for one Temporal call before answering 503. */
  temporalTimeoutMs: number;
  version: string;
  /** Hash of the supervision log's chain. */
  logHashAlgorithm: HashAlgorithm;
  /** Complaint limits and the public form's rate limit per address. */
  complaints: { firstResponseHours: number; handlingDays: number; publicPerHour: number };
  /**
   * Consultations: working days to answer. 好差评: natural days after a case's conclusion to
   * rate it, working days to follow a 差评 up. Public questions and ratings share the
   * complaints' per-address limit.
   */
  voice: { consultationAnswerDays: number; ratingWindowDays: number; followUpDays: number };
  /** Failed public case look-ups (unknown number or wrong query code) an hour from one address. */
  publicLookupFailuresPerHour: number;
  /**
   * Express `trust proxy`: which proxies' X-Forwarded-For gives the client's address;
   * `none` (the default) trusts no one, so a client cannot choose its address.
   */
  trustProxy: string;
  /** The Temporal Web UI's origin, allowed (CORS) to call the codec endpoint. */
  temporalUiOrigin: string;
  /** Working days a tracked system has to report an event; reported later, it counts at its receipt. */
  externalReportToleranceDays: number;
  /** Working-day limits of an anomaly's disposition, of the department's objection and of the decision on it. */
  anomalies: { dispositionDays: number; objectionDays: number; decisionDays: number };
  /** The built web app served at / beside the API (`npm start`); none, no web app. */
  webAppDir?: string;
}

/** Settings for tests and embedding: a random token secret and the default names. */
export function defaultApiSettings(overrides: Partial<ApiSettings> = {}): ApiSettings {
  return {
    jwtSecret: randomBytes(32).toString('base64url'),
    tokenTtlMinutes: 480,
    taskQueue: 'sunlight-cases',
    timeZone: 'Asia/Shanghai',
    utcOffsetMinutes: 480,
    temporalTimeoutMs: 10_000,
    version: '0.1.0',
    logHashAlgorithm: 'sha256',
    complaints: { firstResponseHours: 24, handlingDays: 15, publicPerHour: 10 },
    voice: { consultationAnswerDays: 2, ratingWindowDays: 15, followUpDays: 5 },
    publicLookupFailuresPerHour: 30,
    trustProxy: 'none',
    temporalUiOrigin: 'http://127.0.0.1:8233',
    externalReportToleranceDays: DEFAULT_REPORT_TOLERANCE_DAYS,
    anomalies: { dispositionDays: 5, objectionDays: 5, decisionDays: 5 },
    ...overrides,
  };
}

/** Builds the settings; a production API without JWT_SECRET, or without the log's hash, refuses to start. */
export function apiSettings(env: Env): ApiSettings {
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    throw new Error('JWT_SECRET is required in production (at least 32 characters)');
  }
  assertHashAvailable(env.SUPERVISION_LOG_HASH);
  return {
    jwtSecret: env.JWT_SECRET ?? randomBytes(32).toString('base64url'),
    tokenTtlMinutes: env.JWT_TTL_MINUTES,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    timeZone: env.TIME_ZONE,
    utcOffsetMinutes: env.TIME_ZONE_OFFSET_MINUTES,
    temporalTimeoutMs: 10_000,
    version: '0.1.0',
    logHashAlgorithm: env.SUPERVISION_LOG_HASH,
    complaints: {
      firstResponseHours: env.COMPLAINT_FIRST_RESPONSE_HOURS, handlingDays: env.COMPLAINT_HANDLING_DAYS,
      publicPerHour: env.PUBLIC_COMPLAINTS_PER_HOUR,
    },
    voice: { consultationAnswerDays: env.CONSULTATION_ANSWER_DAYS, ratingWindowDays: env.CASE_RATING_WINDOW_DAYS, followUpDays: env.FOLLOW_UP_DAYS },
    publicLookupFailuresPerHour: env.PUBLIC_LOOKUP_FAILURES_PER_HOUR,
    trustProxy: env.TRUST_PROXY,
    temporalUiOrigin: env.TEMPORAL_UI_ORIGIN,
    externalReportToleranceDays: env.EXTERNAL_REPORT_TOLERANCE_DAYS,
    anomalies: { dispositionDays: env.ANOMALY_DISPOSITION_DAYS, objectionDays: env.ANOMALY_OBJECTION_DAYS, decisionDays: env.ANOMALY_DECISION_DAYS },
    ...(env.WEB_APP_DIR && { webAppDir: env.WEB_APP_DIR }),
  };
}
