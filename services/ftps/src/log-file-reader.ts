/**
 * Reads a log file incrementally: each call returns the complete lines appended since the last.
 * A file that shrank was truncated or replaced, and is read again from its start.
 */
import { open, stat, truncate } from 'node:fs/promises';

const READ_SLICE_BYTES = 4 * 1024 * 1024;

export interface LogFileReaderOptions {
  /** Past this size, a fully read file is emptied (writers append with O_APPEND, so that is safe). */
  maxBytes?: number;
}

export class LogFileReader {
  private offset = 0;
  private partial = '';

  constructor(
    private readonly file: string,
    private readonly options: LogFileReaderOptions = {},
  ) {}

  async readNewLines(): Promise<string[]> {
    let size: number;
    try {
      size = (await stat(this.file)).size;
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') return []; // nothing logged yet
      throw err;
    }
    if (size < this.offset) {
      this.offset = 0;
      this.partial = '';
    }
    if (size === this.offset) return [];
    const handle = await open(this.file, 'r');
    let text: string;
    try {
      // In slices, so a long backlog never needs one huge buffer; the next call reads on.
      const buffer = Buffer.alloc(Math.min(size - this.offset, READ_SLICE_BYTES));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, this.offset);
      this.offset += bytesRead;
      text = this.partial + buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
    const lines = text.split('\n');
    // The last piece is a line vsftpd has not finished writing (or '' after a newline).
    this.partial = lines.pop() ?? '';
    await this.trimIfLarge();
    return lines.filter((l) => l.length > 0);
  }

  private async trimIfLarge(): Promise<void> {
    const max = this.options.maxBytes;
    if (max === undefined || this.offset < max || this.partial !== '') return;
    // Only when nothing arrived since the read: a line written in between would be lost.
    if ((await stat(this.file)).size !== this.offset) return;
    await truncate(this.file, 0);
    this.offset = 0;
  }
}
