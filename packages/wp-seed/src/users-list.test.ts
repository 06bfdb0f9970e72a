import { describe, expect, it } from 'vitest';
import { parseWordPressUsers } from './users-list.js';

const admin = { login: 'admin', email: 'admin@example.org', password: 'admin-pass-1', role: 'administrator' };

function errorOf(list: unknown): string {
  try {
    parseWordPressUsers(JSON.stringify(list));
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the list to be refused');
}

describe('the user list', () => {
  it('accepts quotes and non-ASCII names', () => {
    const users = parseWordPressUsers(
      JSON.stringify([admin, { login: 'o"brien', email: 'ob@example.org', password: "it's a secret", role: 'editor', displayName: "Zoë O'Brien" }]),
    );
    expect(users[1]).toEqual({ login: 'o"brien', email: 'ob@example.org', password: "it's a secret", role: 'editor', displayName: "Zoë O'Brien" });
  });

  it.each([
    [[admin, { ...admin, login: 'bob', email: 'bob@x.org', role: 'boss' }], /^entry 1 \(login "bob"\), field "role": expected one of administrator/],
    [[admin, { login: 'carol', email: 'not-an-email', password: 'long-enough', role: 'author' }], /^entry 1 \(login "carol"\), field "email"/],
    [[{ ...admin, password: 'short' }], /^entry 0 \(login "admin"\), field "password": expected at least 8/],
    [[admin, { email: 'x@y.org', password: 'long-enough', role: 'author' }], /^entry 1, field "login": is missing/],
    [[admin, { ...admin, login: 'dave', email: 'd@x.org', pasword: 'x' }], /^entry 1 \(login "dave"\), field "pasword": unknown field/],
    [[admin, { ...admin, login: 'Zoë', email: 'z@x.org' }], /^entry 1 \(login "Zoë"\), field "login": expected printable ASCII/],
    [[admin, { ...admin, email: 'other@x.org', login: 'ADMIN' }], /^entry 1 \(login "ADMIN"\), field "login": the same login as entry 0/],
    [[{ ...admin, role: 'editor' }], /at least one entry with role "administrator"/],
    [[admin, 'bob'], /^entry 1, field .*|^entry 1: expected an object/],
    [{ login: 'x' }, /expected a JSON array/],
    [[], /at least one user/],
  ])('refuses a malformed list, naming the entry and field (%#)', (list, message) => {
    expect(errorOf(list)).toMatch(message);
  });

  it('never shows a password in a message', () => {
    expect(errorOf([{ ...admin, password: ' padded-secret-value ' }])).not.toContain('padded-secret-value');
  });
});
