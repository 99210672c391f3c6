/** `npm run build:model` reproduces data/model.bin and data/model-web.bin byte for byte (slow: it retrains both). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { train } from '../../src/index.js';
import { HAS_SHARED } from '../helpers/shared-data.js';

describe.skipIf(!HAS_SHARED)('default model rebuild', () => {
  it('npm run build:model reproduces data/model.bin and data/model-web.bin byte for byte', async () => {
    const { RECIPE, recipeTraining, WEB_RECIPE } = await import('../../scripts/model-recipe.js');
    const { examples, options } = recipeTraining(RECIPE);
    const model = await train(examples, options);
    const shipped = readFileSync(new URL('../../data/model.bin', import.meta.url));
    expect(Buffer.from(model.toBytes()).equals(shipped)).toBe(true);
    const web = recipeTraining(WEB_RECIPE);
    const webModel = await train(web.examples, web.options);
    expect(Buffer.from(webModel.toBytes({ blocks: 'stored' })).equals(readFileSync(new URL('../../data/model-web.bin', import.meta.url)))).toBe(true);
  });
});
