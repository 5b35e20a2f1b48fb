import mongoose, { type ConnectOptions, type Connection } from 'mongoose';

/**
 * Opens the product's connection to MongoDB (FerretDB on the embedded stack), with the
 * process-wide Mongoose settings its processes share.
 *
 * `skipOriginalStackTraces`: Mongoose otherwise captures a stack trace at every query it
 * runs, kept only to explain a query executed twice; under source maps (the processes run
 * through tsx) each capture maps every frame, which cost the API process about a third of a
 * millisecond of CPU per request in a profile of the case benchmark (2026-12-06).
 */
export function connectDatabase(uri: string, options: ConnectOptions = {}): Promise<Connection> {
  mongoose.set('skipOriginalStackTraces', true);
  return mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000, ...options }).asPromise();
}
