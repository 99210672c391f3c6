/** `npm run build:model` reproduces data/model.json byte for byte (slow: it retrains the default model). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { train } from '../../src/index.js';
import { HAS_SHARED } from '../helpers/shared-data.js';

describe.skipIf(!HAS_SHARED)('default model rebuild', () => {
  it('npm run build:model reproduces data/model.json byte for byte', async () => {
    const { RECIPE, recipeTraining } = await import('../../scripts/model-recipe.js');
    const { examples, options } = recipeTraining(RECIPE);
    const model = await train(examples, options);
    const shipped = readFileSync(new URL('../../data/model.json', import.meta.url), 'utf8');
    expect(`${JSON.stringify(model.toJSON())}\n` === shipped).toBe(true);
  });
});
