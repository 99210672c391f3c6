export { createTopicsWorker, type TopicsWorker, type TopicsWorkerOptions } from './queue/topics-worker.js';
export { enqueueRecords, type EnqueueOptions, type EnqueueSummary, type QueueRecord } from './queue/enqueue.js';
export { readResults, queueProgress, type QueuedResult, type ReadResultsOptions } from './queue/results.js';
export { type RedisConnection } from './queue/redis.js';
export { type ResultRecord } from './news/result-record.js';
