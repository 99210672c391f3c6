import { execFileSync } from 'node:child_process';
import fs, { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, loadModel, ModelFormatError, NewsTopicsError, saveModel, train } from '../../src/index.js';
import { writeFileAtomic } from '../../src/io/atomic-write.js';
import { syntheticExamples } from '../helpers/synthetic.js';

const dir = mkdtempSync(join(tmpdir(), 'news-topics-io-'));
const model = await train(syntheticExamples(80), { minDf: 1, calibrationFolds: 0 });

describe('writeFileAtomic and saveModel', () => {
  it('writes through a symbolic link: the target is replaced, the link stays', async () => {
    const target = join(dir, 'real.json');
    writeFileSync(target, 'old');
    const link = join(dir, 'link.json');
    symlinkSync(target, link);
    await saveModel(model, link);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(target, 'utf8')).format).toBe('news-topics/model');
    expect((await loadModel(link)).labels).toEqual(model.labels);
  });

  it('keeps the mode of the file it replaces', async () => {
    const path = join(dir, 'private.json');
    writeFileSync(path, 'old');
    chmodSync(path, 0o600);
    await saveModel(model, path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('refuses to replace a FIFO, a device or a folder, and leaves them as they were', async () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    await expect(saveModel(model, fifo)).rejects.toThrow(/refusing to replace .*fifo: it is a FIFO, not a regular file/);
    expect(statSync(fifo).isFIFO()).toBe(true);
    await expect(saveModel(model, '/dev/null')).rejects.toThrow(/it is a device/);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    await expect(saveModel(model, dir)).rejects.toThrow(/it is a folder/);
  });

  it('says when the folder does not exist, and refuses a path with a NUL byte as invalid input', async () => {
    await expect(saveModel(model, join(dir, 'missing', 'model.json'))).rejects.toThrow(/the folder .*missing does not exist/);
    await expect(saveModel(model, `${dir}/a\0b.json`)).rejects.toThrow(InvalidInputError);
    await expect(saveModel(model, `${dir}/a\0b.json`)).rejects.toThrow(/path must be a file path without NUL characters/);
  });

  it('leaves the old file and no temporary file when the write fails half-way (injected failing rename)', async () => {
    const path = join(dir, 'keep.json');
    writeFileSync(path, 'previous model');
    const original = fs.promises.rename;
    fs.promises.rename = async () => {
      throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
    };
    syncBuiltinESMExports();
    try {
      await expect(writeFileAtomic(path, 'new model')).rejects.toThrow(NewsTopicsError);
    } finally {
      fs.promises.rename = original;
      syncBuiltinESMExports();
    }
    expect(readFileSync(path, 'utf8')).toBe('previous model');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('loadModel', () => {
  it('refuses a FIFO at once instead of waiting for a writer, and a device', async () => {
    const fifo = join(dir, 'model-fifo');
    execFileSync('mkfifo', [fifo]);
    await expect(loadModel(fifo)).rejects.toThrow(/is not a regular file/);
    await expect(loadModel('/dev/urandom')).rejects.toThrow(ModelFormatError);
    await expect(loadModel(dir)).rejects.toThrow(ModelFormatError);
  });
});
