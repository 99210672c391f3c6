/** Typed arrays backed by shared memory, so that worker threads read the training data without copies. */
import type { ArrayAllocator } from '../../features/sparse.js';

export const sharedArray: ArrayAllocator = (Kind, length) => new Kind(new SharedArrayBuffer(length * Kind.BYTES_PER_ELEMENT));
