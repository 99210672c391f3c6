/**
 * Typed arrays backed by shared memory, so that worker threads read the training data without copies. Where
 * SharedArrayBuffer does not exist (a browser page without cross-origin isolation), plain memory: training then
 * runs on one thread.
 */
import { type ArrayAllocator, plainArray } from '../../features/sparse.js';

export const sharedArray: ArrayAllocator =
  typeof SharedArrayBuffer === 'function' ? (Kind, length) => new Kind(new SharedArrayBuffer(length * Kind.BYTES_PER_ELEMENT)) : plainArray;
