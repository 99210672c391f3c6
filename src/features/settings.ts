/** The settings that decide how a text becomes a feature vector; stored in every model file. */
import type { ReadSettings } from '../text/document.js';

export interface FeatureSettings extends ReadSettings {
  /** Longest n-gram: 1 (words) or 2 (words and word pairs). Default `2`. */
  readonly ngrams: 1 | 2;
  /** Hash slots; a power of two from 2^10 to 2^24. Default `2 ** 20`. */
  readonly buckets: number;
  /** Use 1 + ln(tf) instead of raw counts. Default `true`. */
  readonly sublinearTf: boolean;
  /** Weight features by inverse document frequency. Default `true`. */
  readonly idf: boolean;
  /** Keep a slot only if it occurs in at least this many training documents. Default `2`. */
  readonly minDf: number;
  /**
   * The first `leadWords` kept words (title and lead) also count as separate "lead" features, so a model can
   * weigh what a story leads with above what a long article mentions in passing. Default `0` (off).
   */
  readonly leadWords: number;
}
