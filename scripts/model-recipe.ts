/**
 * The default model's recipe: which sources it learns from, with what weight, and the engine options. Chosen by
 * measurement on the dev files (scripts/build-model.ts --try), never on data used for training.
 */
import type { Example, TrainOptions } from '../src/index.js';
import { reutersSilverIds, sourceExamples } from './news-data.js';

export interface SourceChoice {
  /** Key in sources.json. */
  readonly source: string;
  readonly file: string;
  readonly weight: number;
}

export interface Recipe {
  readonly sources: readonly SourceChoice[];
  /** Engine options that are plain data (JSON). */
  readonly options: TrainOptions;
  /** Sources whose examples fit calibration, thresholds and the cost (`calibrateOn`); default: all. */
  readonly calibrateOn?: readonly string[];
}

export const RECIPE: Recipe = {
  sources: [
    { source: 'wcep', file: 'wcep.train.jsonl', weight: 1 },
    { source: 'bbc', file: 'bbc.train.jsonl', weight: 1 },
    { source: 'wcepx-silver', file: 'wcepx.silver.jsonl', weight: 1 },
    { source: 'wcepu-silver', file: 'wcepu.silver.jsonl', weight: 1 },
    { source: 'reuters-silver', file: 'reuters.silver.jsonl', weight: 1 },
    { source: 'allsides', file: 'allsides.train.jsonl', weight: 1 },
    { source: 'celebrity', file: 'celebrity.silver.jsonl', weight: 1 },
  ],
  // Chosen on the dev files (bench/RECIPES.md): c = 1; thresholds 0.5 (tuned ones lost micro-F1 on allsides.dev);
  // minDf 3 keeps the file under 8 MB; the first 100 kept words (title and lead) count again as lead features.
  options: { seed: 42, c: 1, tuneThresholds: false, minDf: 3, leadWords: 100 },
  // Probabilities and the cost are fitted on the full-length articles, what users pass.
  calibrateOn: ['allsides', 'bbc', 'celebrity', 'reuters-silver'],
};

/**
 * The browser variant (`data/model-web.bin`, what `loadDefaultModel()` fetches): the same recipe keeping only the
 * features seen in at least 6 training documents, which brings the download under #12's 4 MB. Chosen by
 * measurement (bench/RECIPES.md: minDf 6, 8 and 10).
 */
export const WEB_RECIPE: Recipe = { ...RECIPE, options: { ...RECIPE.options, minDf: 6 } };

/** The training examples of a recipe, source by source in recipe order, with the source each came from. */
export function recipeExamples(recipe: Recipe): Example[] {
  return recipeData(recipe).examples;
}

function recipeData(recipe: Recipe): { examples: Example[]; sources: string[] } {
  const examples: Example[] = [];
  const sources: string[] = [];
  for (const choice of recipe.sources) {
    const exclude = choice.source === 'reuters' ? reutersSilverIds() : new Set<string>();
    for (const e of sourceExamples(choice.source, choice.file, exclude).examples) {
      examples.push(choice.weight === 1 ? e : { ...e, weight: choice.weight });
      sources.push(choice.source);
    }
  }
  return { examples, sources };
}

/** The examples and the full `train` options of a recipe (its `calibrateOn` sources become the option). */
export function recipeTraining(recipe: Recipe): { examples: Example[]; options: TrainOptions } {
  const { examples, sources } = recipeData(recipe);
  if (recipe.calibrateOn === undefined) return { examples, options: recipe.options };
  const chosen = new Set(recipe.calibrateOn);
  return { examples, options: { ...recipe.options, calibrateOn: (_example, i) => chosen.has(sources[i] as string) } };
}
