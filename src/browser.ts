// news-topics for browsers and edge workers (package.json conditions "browser", "worker", "edge-light"): the core,
// with models loaded over fetch. Every name is defined in the file it comes from.
export { NewsTopicsError, InvalidInputError, ModelFormatError, TrainingError } from './common/errors.js';
export { type ArticleInput } from './text/input.js';
export { type Truncation } from './text/document.js';
export { cleanText } from './text/clean.js';
export { tokenize } from './text/tokenizer.js';
export { TopicClassifier, type PredictOptions } from './model/classifier.js';
export { type AdaptedFrom, type TrainingSummary } from './model/parts.js';
export { type DecisionOptions } from './model/decide.js';
export { type Result, type TopicItem, type Explanation, type Contribution, type PlaceMention } from './model/result.js';
export { MODEL_FORMAT, MODEL_VERSION, type ModelJson } from './format/model-json.js';
export { train } from './learn/train.js';
export { modelName, type ModelName } from './model/provenance.js';
export { adapt, type AdaptOptions } from './learn/adapt.js';
export { modelCard } from './news/model-card.js';
export { type TrainOptions, type TrainProgress } from './learn/options.js';
export { type TrainingWarning, type TrainingWarningCode } from './learn/warnings.js';
export { type Example } from './learn/examples.js';
export { crossValidate, type CrossValidationReport } from './learn/cross-validate.js';
export { evaluate, type EvaluationReport, type EvaluateOptions } from './eval/evaluate.js';
export { evaluationDetails, type EvaluationDetails, type EvaluationDetailsOptions, type ReliabilityBin, type ScoreHistogram, type WorstError } from './eval/evaluation-details.js';
export { renderEvaluationReport, type ReportOptions } from './eval/html-report.js';
export { scoreLabelSets, type SetMetrics, type LabelReport, type Scores } from './eval/metrics.js';
export { classifyArticle, explainTopic, type ClassifyOptions } from './news/classify.js';
export { places } from './news/places.js';
export { topics, getTopic, ancestorsOf, descendantsOf, withAncestors, TAXONOMY_VERSION, type Topic, type TopicId } from './news/taxonomy.js';
export { loadDefaultModel, loadModel, defaultModel, classify, explain } from './web/models.js';
export { loadModules } from './web/modules.js';
