/**
 * How many frames a stack trace keeps inside workflows (V8's default is 10). The SDK records
 * the stack of every promise a workflow creates, and keeps it while the promise is pending
 * (for the `__stack_trace` query): a cached case holds a few dozen, so their depth was a large
 * share of its memory and of each workflow task's time (README "Performance"). Of the 6, the
 * SDK's promise hook takes 2; the 4 left still name the workflow's own line that waits.
 * Set in the workflow context by ../index.ts; this module only names the number, so code
 * outside workflows may import it without changing its own stack traces.
 */
export const WORKFLOW_STACK_FRAMES = 6;
