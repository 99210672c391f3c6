/** The systems `npm run bench` measures, and how each is run (one process per system and data set). */
export interface SystemSpec {
  readonly id: string;
  readonly name: string;
  readonly command: (datasetDir: string, outDir: string) => string[];
}

const PYTHON = '/usr/bin/python3'; // Debian's python3, which has python3-sklearn
const TSX = 'node_modules/.bin/tsx';

/** natural's classifiers cannot finish on full data sets: training (and for the large ones, testing) is capped. */
export const NATURAL_CAPS = { bayesTrain: 1000, logregTrain: 200, test: 500 } as const;

export const SYSTEMS: readonly SystemSpec[] = [
  { id: 'news-topics', name: 'news-topics (defaults)', command: (d, o) => [TSX, 'bench/systems/node-system.ts', 'news-topics', d, o] },
  { id: 'sk-linearsvc', name: 'scikit-learn LinearSVC', command: (d, o) => [PYTHON, 'bench/systems/sklearn_system.py', 'linearsvc', d, o] },
  { id: 'sk-logreg', name: 'scikit-learn LogisticRegression', command: (d, o) => [PYTHON, 'bench/systems/sklearn_system.py', 'logreg', d, o] },
  { id: 'sk-complementnb', name: 'scikit-learn ComplementNB', command: (d, o) => [PYTHON, 'bench/systems/sklearn_system.py', 'complementnb', d, o] },
  // fastText's defaults (5 epochs, lr 0.1), and its tutorial's setting for small data (25 epochs, lr 1.0).
  { id: 'fasttext-5', name: 'fastText (5 epochs, lr 0.1)', command: (d, o) => [PYTHON, 'bench/systems/fasttext_system.py', '5', '0.1', d, o] },
  { id: 'fasttext-25', name: 'fastText (25 epochs, lr 1.0)', command: (d, o) => [PYTHON, 'bench/systems/fasttext_system.py', '25', '1.0', d, o] },
  {
    id: 'natural-bayes',
    name: 'natural BayesClassifier',
    command: (d, o) => [TSX, 'bench/systems/node-system.ts', 'natural-bayes', d, o, String(NATURAL_CAPS.bayesTrain), String(NATURAL_CAPS.test)],
  },
  {
    id: 'natural-logreg',
    name: 'natural LogisticRegressionClassifier',
    command: (d, o) => [TSX, 'bench/systems/node-system.ts', 'natural-logreg', d, o, String(NATURAL_CAPS.logregTrain), String(NATURAL_CAPS.test)],
  },
];

export const DATASETS = ['bbc', 'ag-news', 'wcep-sections', '20newsgroups', 'reuters-modapte'] as const;
