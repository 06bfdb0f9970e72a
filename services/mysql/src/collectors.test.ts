import { describe, expect, it } from 'vitest';
import { MYSQL_FIELDS, statusFields } from './collectors.js';

describe('statusFields', () => {
  it("keeps the listed variables under telegraf's lower-case names, as numbers", () => {
    const rows = [
      { Variable_name: 'Threads_connected', Value: '3' },
      { Variable_name: 'Innodb_buffer_pool_bytes_data', Value: '4931584' },
      { Variable_name: 'Com_select', Value: '0' },
      { Variable_name: 'Uptime', Value: '10' },
    ];
    expect(statusFields(rows)).toEqual({ threads_connected: 3, innodb_buffer_pool_bytes_data: 4931584, com_select: 0 });
  });

  it('leaves out values that are not numbers', () => {
    expect(
      statusFields([
        { Variable_name: 'Queries', Value: '' },
        { Variable_name: 'Questions', Value: 'ON' },
      ]),
    ).toEqual({});
  });

  it('reads the fields of the measurement schema', () => {
    expect(MYSQL_FIELDS).toHaveLength(20);
    expect(new Set(MYSQL_FIELDS).size).toBe(20);
  });
});
