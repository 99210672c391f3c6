/** Expected calibration error (ECE): how far predicted probabilities are from how often they come true. */

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
