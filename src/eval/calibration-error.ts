/** Expected calibration error (ECE): how far predicted probabilities are from how often they come true. */

/** One equal-width probability bin: its pairs, their mean predicted probability and how often they came true. */
export interface ReliabilityBin {
  /** The bin's probability range [from, to). */
  readonly from: number;
  readonly to: number;
  /** (document, label) pairs whose probability fell in the bin. */
  readonly count: number;
  /** Their mean predicted probability (NaN for an empty bin). */
  readonly meanProbability: number;
  /** The share of them whose label was gold (NaN for an empty bin). */
  readonly observed: number;
}

/** Expected calibration error: |observed frequency − mean probability| per equal-width bin, weighted by bin size. */
export class CalibrationBins {
  private readonly count: Float64Array;
  private readonly confidence: Float64Array;
  private readonly hits: Float64Array;
  constructor(readonly bins: number) {
    this.count = new Float64Array(bins);
    this.confidence = new Float64Array(bins);
    this.hits = new Float64Array(bins);
  }
  add(probability: number, correct: boolean): void {
    const bin = Math.min(this.bins - 1, Math.floor(probability * this.bins));
    this.count[bin] = (this.count[bin] as number) + 1;
    this.confidence[bin] = (this.confidence[bin] as number) + probability;
    if (correct) this.hits[bin] = (this.hits[bin] as number) + 1;
  }
  /** The bins, for a reliability diagram. */
  table(): ReliabilityBin[] {
    return Array.from({ length: this.bins }, (_, b) => {
      const count = this.count[b] as number;
      const mean = (sum: Float64Array) => (count > 0 ? (sum[b] as number) / count : Number.NaN);
      return { from: b / this.bins, to: (b + 1) / this.bins, count, meanProbability: mean(this.confidence), observed: mean(this.hits) };
    });
  }

  error(): number {
    let total = 0;
    let sum = 0;
    for (let b = 0; b < this.bins; b++) {
      total += this.count[b] as number;
      sum += Math.abs((this.hits[b] as number) - (this.confidence[b] as number));
    }
    return total > 0 ? sum / total : 0;
  }
}
