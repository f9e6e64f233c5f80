import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { exitOnClosedPipe } from './io.js';

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`write ${code}`), { code });

describe('exitOnClosedPipe', () => {
  it('exits quietly when the reader of stdout has gone away (EPIPE)', () => {
    const stream = new EventEmitter();
    let exits = 0;
    exitOnClosedPipe(stream, () => (exits += 1));
    stream.emit('error', errno('EPIPE'));
    expect(exits).toBe(1);
  });

  it('rethrows any other stream error instead of hiding it', () => {
    const stream = new EventEmitter();
    let exits = 0;
    exitOnClosedPipe(stream, () => (exits += 1));
    expect(() => stream.emit('error', errno('ENOSPC'))).toThrow('write ENOSPC');
    expect(exits).toBe(0);
  });
});
