import { describe, expect, it } from 'vitest';
import { fieldNames, type MeasurementName } from './measurements.js';
import { writtenProblems, type WrittenMeasurement } from './written-measurements.js';

const asWritten = (name: MeasurementName, tags: string[], services: string[]): WrittenMeasurement => ({
  name,
  fields: Object.fromEntries(fieldNames(name).map((f) => [f, 'float'])),
  tags: [...tags, 'service', 'pod'],
  services,
});

const without = (fields: Readonly<Record<string, string>>, name: string): Record<string, string> =>
  Object.fromEntries(Object.entries(fields).filter(([f]) => f !== name));

describe('writtenProblems', () => {
  it('accepts what the schema says, optional fields left out or not', () => {
    const withoutRate = without(asWritten('cpu', [], ['nginx']).fields, 'usage_percent');
    expect(
      writtenProblems([asWritten('nginx', ['server'], ['wordpress']), { ...asWritten('cpu', [], ['nginx']), fields: withoutRate }], { expected: ['cpu'] }),
    ).toEqual([]);
  });

  it('reports what differs', () => {
    const ssh = asWritten('ssh', [], ['nginx', 'ftps']);
    const netFields = without(asWritten('net', [], ['mysql']).fields, 'bytes_recv');
    expect(
      writtenProblems(
        [
          { name: 'sshd', fields: { sessions: 'float' }, tags: [], services: [] },
          { ...ssh, fields: { sessions: 'integer', users: 'float' }, tags: [...ssh.tags, 'host'] },
          { name: 'net', fields: netFields, tags: ['service', 'pod'], services: ['mysql'] },
        ],
        { expected: ['mysql'] },
      ),
    ).toEqual([
      'mysql: not written',
      'sshd: written, but not in the schema',
      'ssh.sessions: written as integer, the schema says float',
      'ssh: field users written, but not in the schema',
      'ssh: tag host written, but not in the schema',
      'ssh: written by ftps, the schema says nginx',
      'net: field bytes_recv never written',
      'net: tag interface never written',
    ]);
  });
});
