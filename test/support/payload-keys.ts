import { createHash } from 'node:crypto';
import { payloadDataConverter, type PayloadKey } from '../../config/payload-codec';

/**
 * The payload key of every test process. Test files share one Temporal server, and listing
 * workflows (e.g. to signal running cases of a new calendar) decodes other files' memos, so
 * all of them must hold the same key: a fixed one, secret to nobody.
 */
export const TEST_PAYLOAD_KEYS: PayloadKey[] = [{ id: 'test', key: createHash('sha256').update('sunlight test payload key').digest() }];

export const testDataConverter = () => payloadDataConverter(TEST_PAYLOAD_KEYS);
