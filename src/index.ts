export { train, type TrainOptions, type TrainProgress } from './train.js';
export { TopicClassifier, type Prediction, type PredictOptions, type TrainingSummary } from './classifier.js';
export { type Example } from './examples.js';
export { NewsTopicsError, InvalidInputError, ModelFormatError, TrainingError } from './errors.js';
export { tokenize } from './tokenize.js';
export { MODEL_FORMAT, MODEL_VERSION, type ModelJson } from './model-file.js';
export { evaluate, crossValidate, type EvaluationReport, type EvaluateOptions, type LabelReport, type Scores, type CrossValidationReport } from './evaluate.js';
