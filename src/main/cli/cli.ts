/**
 * Command line: `npm run cli -- <command>` (built to out/main/cli.js).
 *   import --consent <dir>                         enrol a folder: one sub-folder of photos per employee code
 *   enrol --code C [--name N] [--department D] --consent <image>
 *   consent-text                                   the consent text to show before enrolling a face
 *   identify <image> [--json]                      1:N identification of every face
 *   verify --code C <image> [--json]               1:1 verification
 *   list [--json]                                  employees
 *   audit [--json] [--limit N]                     audit log of admin actions, newest first
 *   backup [--out FILE] | restore <file>           write a verified backup / restore one (Clockface closed)
 *   export --from D --to D --format csv|xlsx --kind punches|timesheet [--department D] [--code C] [--history] [--language en|es] [--out FILE]
 *                                                  payroll export, to FILE or standard output
 *   import-punches <file.csv> [--zone Z]          punches from another time clock (code,type,time[,timeZone]), all or none
 *   account list | add <name> --role R | reset-password <name>   admin accounts (password on stdin)
 *   api-key create --name N --scopes a,b | list | revoke <id>       integration API keys (the key is printed once)
 *   migrate --database postgres://…                server mode: create or upgrade the PostgreSQL schema
 * Every command takes --data DIR (default: the kiosk app's data folder). Exit codes: exit-codes.ts.
 */
import { Command, CommanderError } from 'commander'
import { CONSENT_TEXT, CONSENT_TEXT_VERSION, CONSENT_TITLE } from '../../shared/consent-text'
import { DEFAULT_THRESHOLD } from '../services/service-config'
import { apiScopeSchema, type AdminRole, type ApiScope } from '../../shared/models'
import { accountAddCommand, accountListCommand, accountResetCommand } from './account-command'
import { apiKeyCreateCommand, apiKeyListCommand, apiKeyRevokeCommand, apiScopes } from './api-key-command'
import { auditCommand, DEFAULT_AUDIT_LIMIT } from './audit-command'
import { backupCommand, restoreCommand } from './backup-command'
import { addExportCommand, exportCommand, type ExportCliOptions } from './export-command'
import { withCore } from './cli-context'
import { adminRole, positiveInteger, positiveNumber } from './cli-options'
import { EXIT_CODES } from './exit-codes'
import { enrolCommand, identifyCommand, listCommand, verifyCommand } from './face-commands'
import { importFolder } from './import-command'
import { importPunchesCommand } from './punch-import-command'
import { migrateCommand } from './migrate-command'
import { systemTimeZone } from '../services/service-config'

const print = (line: string): void => console.log(line)

const dataOption = ['--data <dir>', 'data folder (default: the Clockface app data folder)'] as const
const keyFileOption = ['--key-file <file>', 'key of the encrypted data files (default: <data>.key, or the passphrase in CLOCKFACE_DATA_PASSPHRASE)'] as const
const thresholdOption = ['--threshold <distance>', `Euclidean match threshold (default ${DEFAULT_THRESHOLD})`, positiveNumber] as const
const consentOption = ['--consent', 'confirm the employee agreed to the current consent text (see `consent-text`); required to enrol a face'] as const

const program = new Command('clockface')
  .description('Clockface face-recognition attendance: enrolment and recognition from the command line.')
  .exitOverride()
  .showHelpAfterError()

program
  .command('import')
  .description('enrol a folder of photos: one sub-folder per employee code; optional people.csv (code,name,department)')
  .argument('<dir>', 'folder to import')
  .option(...consentOption)
  .option(...dataOption)
  .option(...keyFileOption)
  .action((dir: string, opts: { data?: string; consent?: boolean }) =>
    withCore(opts, (ctx) => importFolder(ctx, dir, print, { consent: opts.consent === true }).then(() => undefined))
  )

program
  .command('import-punches')
  .description('import punches from a CSV file (code,type,time[,timeZone]); times without an offset are local to --zone')
  .argument('<file>', 'CSV file')
  .option('--zone <zone>', "IANA time zone of local times (default: this computer's)", systemTimeZone())
  .option(...dataOption)
  .option(...keyFileOption)
  .action((file: string, opts: { data?: string; zone: string }) => withCore(opts, (ctx) => importPunchesCommand(ctx, file, { zone: opts.zone }, print)))

program
  .command('enrol')
  .description('enrol one photo: creates the employee when the code is new, else adds a face template')
  .requiredOption('--code <code>', 'employee code')
  .option('--name <name>', 'full name (required for a new employee)')
  .option('--department <department>', 'department')
  .argument('<image>', 'photo with exactly one face (JPEG, PNG or WebP)')
  .option(...consentOption)
  .option(...dataOption)
  .option(...keyFileOption)
  .action((image: string, opts: { code: string; name?: string; department?: string; consent?: boolean; data?: string }) =>
    withCore(opts, (ctx) => enrolCommand(ctx, opts, image, print))
  )

program
  .command('consent-text')
  .description('print the consent text an employee must agree to before their face is enrolled')
  .action(() => {
    print(`${CONSENT_TITLE} (version ${CONSENT_TEXT_VERSION})\n\n${CONSENT_TEXT}`)
  })

program
  .command('identify')
  .description('1:N identification of every face in a photo')
  .argument('<image>', 'photo (JPEG, PNG or WebP)')
  .option('--json', 'print JSON: one entry per face with code, name, distance, threshold, box')
  .option(...thresholdOption)
  .option(...dataOption)
  .option(...keyFileOption)
  .action((image: string, opts: { json?: boolean; data?: string; threshold?: number }) =>
    withCore(opts, (ctx) => identifyCommand(ctx, image, opts.json === true, print))
  )

program
  .command('verify')
  .description('1:1 verification of the single face in a photo against one employee')
  .requiredOption('--code <code>', 'employee code')
  .argument('<image>', 'photo with exactly one face')
  .option('--json', 'print the verification as JSON')
  .option(...thresholdOption)
  .option(...dataOption)
  .option(...keyFileOption)
  .action((image: string, opts: { code: string; json?: boolean; data?: string; threshold?: number }) =>
    withCore(opts, (ctx) => verifyCommand(ctx, opts.code, image, opts.json === true, print))
  )

program
  .command('list')
  .description('list employees with their number of face templates')
  .option('--json', 'print JSON')
  .option(...dataOption)
  .option(...keyFileOption)
  .action((opts: { json?: boolean; data?: string }) => withCore(opts, (ctx) => listCommand(ctx, opts.json === true, print)))

program
  .command('audit')
  .description('show the audit log of admin actions (employee and face-template changes, refusals included), newest first')
  .option('--json', 'print JSON: the entries with time (UTC), action, channel, employeeCode, templateId, outcome, summary')
  .option('--limit <n>', `most entries to show (default ${DEFAULT_AUDIT_LIMIT})`, positiveInteger)
  .option(...dataOption)
  .option(...keyFileOption)
  .action((opts: { json?: boolean; limit?: number; data?: string }) =>
    withCore(opts, (ctx) => auditCommand(ctx, { json: opts.json === true, ...(opts.limit === undefined ? {} : { limit: opts.limit }) }, print))
  )

program
  .command('backup')
  .description('write a backup of the data folder (encrypted as it is stored) and verify it; default file: <data>/backups/clockface-backup-<UTC time>.cfbak')
  .option('--out <file>', 'backup file to write')
  .option(...dataOption)
  .option(...keyFileOption)
  .action((opts: { out?: string; keyFile?: string; data?: string }) => backupCommand(opts, print))

program
  .command('restore')
  .description('replace the data folder with a verified backup (Clockface must be closed); the replaced files are kept in <data>/replaced-<UTC time>/')
  .argument('<file>', 'backup file')
  .option(...dataOption)
  .option(...keyFileOption)
  .action((file: string, opts: { keyFile?: string; data?: string }) => restoreCommand(file, opts, print))

addExportCommand(program, (opts: ExportCliOptions & { data?: string; keyFile?: string }) =>
  withCore(opts, (ctx) => exportCommand(ctx, opts, { stdout: process.stdout, stdoutIsTerminal: process.stdout.isTTY === true, print }))
)
  .option(...dataOption)
  .option(...keyFileOption)

const account = program.command('account').description('admin accounts: list, add, reset a password (the password is read from standard input or CLOCKFACE_PASSWORD)')
account
  .command('list')
  .description('list admin accounts')
  .option('--json', 'print JSON')
  .option(...dataOption)
  .option(...keyFileOption)
  .action((opts: { json?: boolean; data?: string }) => withCore(opts, (ctx) => accountListCommand(ctx, opts.json === true, print)))
account
  .command('add')
  .description('add an admin account; the first must be an owner')
  .argument('<username>', 'user name')
  .requiredOption('--role <role>', 'owner or manager', adminRole)
  .option(...dataOption)
  .option(...keyFileOption)
  .action((username: string, opts: { role: AdminRole; data?: string }) => withCore(opts, (ctx) => accountAddCommand(ctx, username, opts.role, print)))
account
  .command('reset-password')
  .description('set a new password for an account and lift its lock-out')
  .argument('<username>', 'user name')
  .option(...dataOption)
  .option(...keyFileOption)
  .action((username: string, opts: { data?: string }) => withCore(opts, (ctx) => accountResetCommand(ctx, username, print)))

const apiKey = program.command('api-key').description('integration API keys: create (the key is printed once), list, revoke')
apiKey
  .command('create')
  .description('create an API key for the REST API; prints the key once, alone on standard output')
  .requiredOption('--name <name>', 'which system uses the key, e.g. "HR sync"')
  .requiredOption('--scopes <list>', `comma-separated: ${apiScopeSchema.options.join(', ')}`, apiScopes)
  .option('--json', 'print JSON: { key, apiKey }')
  .option(...dataOption)
  .option(...keyFileOption)
  .action((opts: { name: string; scopes: ApiScope[]; json?: boolean; data?: string }) =>
    withCore(opts, (ctx) => apiKeyCreateCommand(ctx, { name: opts.name, scopes: opts.scopes, json: opts.json === true }, print))
  )
apiKey
  .command('list')
  .description('list API keys (never their secrets), revoked ones included')
  .option('--json', 'print JSON')
  .option(...dataOption)
  .option(...keyFileOption)
  .action((opts: { json?: boolean; data?: string }) => withCore(opts, (ctx) => apiKeyListCommand(ctx, opts.json === true, print)))
apiKey
  .command('revoke')
  .description('revoke an API key at once')
  .argument('<id>', 'the id `api-key list` shows, or the key prefix')
  .option(...dataOption)
  .option(...keyFileOption)
  .action((id: string, opts: { data?: string }) => withCore(opts, (ctx) => apiKeyRevokeCommand(ctx, id, print)))

program
  .command('migrate')
  .description('server mode: create or upgrade the PostgreSQL schema to this version (safe to run again)')
  .option('--database <url>', 'postgres://user:password@host:port/database (default: CLOCKFACE_DATABASE_URL)')
  .action((opts: { database?: string }) => migrateCommand(opts.database ?? process.env['CLOCKFACE_DATABASE_URL'], print))

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    // Help and version are not errors; everything else commander rejects is a usage error.
    process.exitCode = error.exitCode === 0 ? 0 : EXIT_CODES['invalid-input']
    return
  }
  console.error(`clockface: internal error: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = EXIT_CODES.internal
})
