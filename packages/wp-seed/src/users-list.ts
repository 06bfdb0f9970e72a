/**
 * The declarative user list (WORDPRESS_USERS): a JSON array of
 *   {"login", "email", "password", "role", "displayName"?}
 * Every problem is reported with the entry's index and login and the field, never a password.
 */
import { z } from 'zod';
import { MAX_PASSWORD_BYTES } from './phpass.js';

export const WORDPRESS_ROLES = ['administrator', 'editor', 'author', 'contributor', 'subscriber'] as const;
export type WordPressRole = (typeof WORDPRESS_ROLES)[number];

/** WordPress's user levels, kept beside the role for old plugins and the author dropdowns. */
export const USER_LEVEL: Readonly<Record<WordPressRole, number>> = {
  administrator: 10,
  editor: 7,
  author: 2,
  contributor: 1,
  subscriber: 0,
};

export interface WordPressUser {
  login: string;
  email: string;
  password: string;
  role: WordPressRole;
  /** When absent: the login at creation, and left alone afterwards. */
  displayName?: string | undefined;
}

/**
 * A login must reach the database unchanged through wp_authenticate's sanitize_user(): no tags or
 * entities (stripped), no %xx octets (removed), no accented letters (remove_accents), no leading,
 * trailing or doubled spaces. Quotes are fine: WordPress unslashes the posted login.
 */
const login = z
  .string({ error: 'expected a string' })
  .min(1, 'expected a non-empty login')
  .max(60, 'expected at most 60 characters (wp_users.user_login)')
  .regex(/^[\x20-\x7e]+$/, 'expected printable ASCII only (WordPress strips accents from logins at sign-in)')
  .refine((s) => !/[<>&%]/.test(s), 'must not contain < > & % (WordPress strips them from logins at sign-in)')
  .refine((s) => s === s.trim() && !/\s\s/.test(s), 'must not start or end with a space or contain two spaces in a row');

const password = z
  .string({ error: 'expected a string' })
  .min(8, 'expected at least 8 characters')
  .refine((s) => Buffer.byteLength(s, 'utf8') <= MAX_PASSWORD_BYTES, `expected at most ${MAX_PASSWORD_BYTES} bytes`)
  .refine((s) => s === s.trim(), 'must not start or end with white space (WordPress trims passwords)')
  // WordPress's own profile form refuses a backslash: it cannot survive its magic-quote handling.
  .refine((s) => !/[\\\0]/.test(s), 'must not contain a backslash or NUL (WordPress refuses them)');

const entrySchema = z.strictObject(
  {
    login,
    email: z.email({ error: 'expected an e-mail address' }).max(100, 'expected at most 100 characters (wp_users.user_email)'),
    password,
    role: z.enum(WORDPRESS_ROLES, { error: `expected one of ${WORDPRESS_ROLES.join(', ')}` }),
    displayName: z
      .string({ error: 'expected a string' })
      .min(1, 'expected a non-empty name, or leave the field out')
      .max(250, 'expected at most 250 characters (wp_users.display_name)')
      .optional(),
  },
  { error: 'expected an object {login, email, password, role, displayName?}' },
);

/** The list's schema (for the agent's vars.json): an array of valid, distinct entries with an administrator. */
export const wordpressUsersSchema = z
  .array(z.unknown(), { error: 'expected a JSON array of users {login, email, password, role, displayName?}' })
  .min(1, 'expected at least one user (an administrator)')
  .transform((entries, ctx): WordPressUser[] => {
    const users: WordPressUser[] = [];
    for (const [index, entry] of entries.entries()) {
      const result = entrySchema.safeParse(entry);
      if (!result.success) {
        ctx.addIssue({ code: 'custom', message: describeEntryIssue(index, entry, result.error) });
        return z.NEVER;
      }
      users.push(result.data);
    }
    // WordPress matches logins case-insensitively (the column's collation), and e-mails must be unique.
    for (const key of ['login', 'email'] as const) {
      const seen = new Map<string, number>();
      for (const [index, user] of users.entries()) {
        const folded = user[key].toLowerCase();
        const first = seen.get(folded);
        if (first !== undefined) {
          ctx.addIssue({ code: 'custom', message: `${entryName(index, user.login)}, field "${key}": the same ${key} as entry ${first}` });
          return z.NEVER;
        }
        seen.set(folded, index);
      }
    }
    if (!users.some((u) => u.role === 'administrator')) {
      ctx.addIssue({ code: 'custom', message: 'expected at least one entry with role "administrator"' });
      return z.NEVER;
    }
    return users;
  });

function entryName(index: number, login: unknown): string {
  return typeof login === 'string' && login.length > 0 ? `entry ${index} (login ${JSON.stringify(login.slice(0, 60))})` : `entry ${index}`;
}

function describeEntryIssue(index: number, entry: unknown, error: z.ZodError): string {
  const issue = error.issues[0];
  const loginValue = typeof entry === 'object' && entry !== null ? (entry as { login?: unknown }).login : undefined;
  let field = issue?.path[0] !== undefined ? String(issue.path[0]) : undefined;
  let message = (issue?.message ?? 'invalid').replace(/^Invalid input: /, '');
  if (issue?.code === 'unrecognized_keys') {
    field = issue.keys.join(', ');
    message = 'unknown field (expected login, email, password, role, displayName)';
  } else if (field !== undefined && typeof entry === 'object' && entry !== null && !(field in entry)) {
    message = 'is missing';
  }
  return `${entryName(index, loginValue)}${field !== undefined ? `, field "${field}"` : ''}: ${message}`;
}

/** Parses the list from JSON text; throws an Error whose message names the entry and field. */
export function parseWordPressUsers(text: string): WordPressUser[] {
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch {
    throw new Error('the user list is not valid JSON');
  }
  const result = wordpressUsersSchema.safeParse(data);
  if (!result.success) throw new Error(result.error.issues[0]?.message ?? 'invalid user list');
  return result.data;
}
