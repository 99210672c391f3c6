/** Worker thread for parallel training: receives the shared training data once, then trains the labels it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { type Job, type TrainingData, trainLabel, WarmStarts } from '../label-trainer.js';

export interface LabelTask {
  readonly id: number;
  readonly labels: readonly number[];
  readonly job: Job;
}

const data = workerData as TrainingData;
const warm = new WarmStarts();
parentPort?.on('message', (task: LabelTask) => {
  const models = task.labels.map((label) => trainLabel(data, label, task.job, warm));
  parentPort?.postMessage({ id: task.id, models }, models.map((m) => m.weights.buffer as ArrayBuffer));
});
