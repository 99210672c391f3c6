/**
 * Names of models that came from somewhere known (the default model, its browser variant), for what `adapt`
 * records about its base. Kept beside the model object, not in it: a model's parts are what its file holds.
 */
import type { TopicClassifier } from './classifier.js';

export interface ModelName {
  readonly name: string;
  readonly version: string | null;
  /** `sha256:` of the file the model was read from, worked out when asked. */
  readonly sha256?: () => string;
}

const names = new WeakMap<TopicClassifier, ModelName>();

/** @internal Records where a model comes from (io/default-model.ts, web/models.ts). */
export function nameModel(model: TopicClassifier, name: ModelName): void {
  names.set(model, name);
}

/** The recorded name of a model, if any. */
export function modelName(model: TopicClassifier): ModelName | undefined {
  return names.get(model);
}
