/** `npm run build:model` reproduces data/model.bin byte for byte (slow: it retrains the default model). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { train } from '../../src/index.js';
import { HAS_SHARED } from '../helpers/shared-data.js';

describe.skipIf(!HAS_SHARED)('default model rebuild', () => {
  it('npm run build:model reproduces data/model.bin byte for byte', async () => {
    const { RECIPE, recipeTraining } = await import('../../scripts/model-recipe.js');
    const { examples, options } = recipeTraining(RECIPE);
    const model = await train(examples, options);
    const shipped = readFileSync(new URL('../../data/model.bin', import.meta.url));
    expect(Buffer.from(model.toBytes()).equals(shipped)).toBe(true);
  });
});
