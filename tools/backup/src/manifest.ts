/**
 * manifest.json, the first entry of every archive: what it holds, where it came from, and the size
 * and sha256 of every part, so that an archive is checked whole before anything is changed.
 */
import { z } from 'zod';
import { BackupError } from './errors.js';

export const ARCHIVE_FORMAT = 'ft-services-backup';
export const FORMAT_VERSION = 1;

/** The parts an archive may hold, each with its fixed file name inside the archive. */
export const PART_FILES = {
  mysql: 'parts/mysql.sql.gz',
  influxdb: 'parts/influxdb.tar.gz',
  uploads: 'parts/uploads.tar.gz',
  ftp: 'parts/ftp.tar.gz',
  secrets: 'parts/secrets.json.enc',
} as const;
export type PartName = keyof typeof PART_FILES;
export const PART_NAMES = Object.keys(PART_FILES) as PartName[];

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits');

export const partSchema = z
  .object({
    name: z.enum(PART_NAMES as [PartName, ...PartName[]]),
    file: z.string(),
    size: z.number().int().nonnegative(),
    sha256,
    /** What the part is, for a person reading the manifest. */
    description: z.string(),
  })
  .strict()
  .refine((p) => PART_FILES[p.name] === p.file, { message: 'file does not match the part name' });
export type PartEntry = z.infer<typeof partSchema>;

export const manifestSchema = z
  .object({
    format: z.literal(ARCHIVE_FORMAT),
    formatVersion: z.literal(FORMAT_VERSION),
    platformVersion: z.string().min(1),
    createdAt: z.iso.datetime(),
    source: z
      .object({
        kind: z.enum(['local', 'cluster']),
        /** The public address of the platform the archive was taken from. */
        address: z.string().min(1),
      })
      .strict(),
    /** Versions of the daemons that made the data ("unknown" where one could not be read). */
    services: z.record(z.string(), z.string()),
    /** Names the platform gave its data, which a restore maps onto the target's own. */
    names: z.object({ wordpressDb: z.string().min(1), influxDb: z.string().min(1) }).strict(),
    parts: z.array(partSchema).min(1),
  })
  .strict()
  .refine((m) => new Set(m.parts.map((p) => p.name)).size === m.parts.length, { message: 'a part is listed twice' });
export type Manifest = z.infer<typeof manifestSchema>;

/** Parses manifest.json's text; a foreign or newer archive is named as such, not as "invalid". */
export function parseManifest(text: string): Manifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new BackupError('BACKUP_FOREIGN', 'manifest.json is not JSON: this is not an ft_services backup');
  }
  const head = z.object({ format: z.string(), formatVersion: z.number() }).safeParse(data);
  if (!head.success || head.data.format !== ARCHIVE_FORMAT) {
    throw new BackupError('BACKUP_FOREIGN', `manifest.json does not name the format "${ARCHIVE_FORMAT}": this is not an ft_services backup`);
  }
  if (head.data.formatVersion !== FORMAT_VERSION) {
    throw new BackupError('BACKUP_FORMAT_VERSION', `archive format version ${head.data.formatVersion}; this platform reads version ${FORMAT_VERSION}`);
  }
  const result = manifestSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new BackupError('BACKUP_FOREIGN', `manifest.json: ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

/** A manifest of this format version, taken now. */
export function newManifest(fields: Omit<Manifest, 'format' | 'formatVersion' | 'createdAt'>, now = new Date()): Manifest {
  return { format: ARCHIVE_FORMAT, formatVersion: FORMAT_VERSION, createdAt: now.toISOString(), ...fields };
}
