import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from './ports';

/**
 * A throwaway PostgreSQL server: `initdb` into a temporary folder, `postgres` on a free port on
 * 127.0.0.1, stopped and removed by `stop()`. Debian's server binaries live under
 * /usr/lib/postgresql/<major>/bin (PG_BIN overrides). PostgreSQL refuses to run as root, so as root
 * (CI) it runs as the `postgres` user Debian's package creates, or `nobody`.
 */
export class Postgres {
	readonly user = 'n8n';
	readonly database = 'postgres';
	readonly host = '127.0.0.1';
	port = 0;
	private dataDir = '';
	private server?: ChildProcess;
	private output: string[] = [];

	static binDir(): string {
		if (process.env.PG_BIN) return process.env.PG_BIN;
		const root = '/usr/lib/postgresql';
		const majors = existsSync(root)
			? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
			: [];
		const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
		if (!newest)
			throw new Error(
				`No PostgreSQL server under ${root}/*/bin: install Debian's postgresql (see .ci/run)`,
			);
		return join(root, newest, 'bin');
	}

	private stopped = false;

	static async start(): Promise<Postgres> {
		const pg = new Postgres();
		await pg.start();
		return pg;
	}

	/** Starts the server; a start that fails, or is stopped meanwhile, leaves nothing behind. */
	async start(): Promise<void> {
		try {
			await this.boot();
		} catch (error) {
			await this.stop();
			throw error;
		}
	}

	private runAs(): { uid?: number; gid?: number } {
		if (process.getuid?.() !== 0) return {};
		for (const name of ['postgres', 'nobody']) {
			const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
			const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
			if (uid.status === 0 && gid.status === 0)
				return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
		}
		throw new Error(
			'Running as root, and there is neither a postgres nor a nobody user to run PostgreSQL as',
		);
	}

	private async boot(): Promise<void> {
		const bin = Postgres.binDir();
		const as = this.runAs();
		this.dataDir = mkdtempSync(join(tmpdir(), 'apollo-tasks-pg-'));
		if (as.uid !== undefined) chownSync(this.dataDir, as.uid, as.gid!);
		const init = spawnSync(
			join(bin, 'initdb'),
			[
				'-D',
				this.dataDir,
				'-U',
				this.user,
				'--auth=trust',
				'-E',
				'UTF8',
				'--no-sync',
				'--no-instructions',
			],
			{
				...as,
				encoding: 'utf8',
			},
		);
		if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}\n${init.stderr}`);
		this.port = await freePort();
		if (this.stopped) throw new Error('PostgreSQL was stopped while it was starting');
		this.server = spawn(
			join(bin, 'postgres'),
			[
				'-D',
				this.dataDir,
				'-p',
				String(this.port),
				'-k',
				this.dataDir,
				'-c',
				'listen_addresses=127.0.0.1',
				'-c',
				'fsync=off',
				'-c',
				'synchronous_commit=off',
				'-c',
				'full_page_writes=off',
			],
			{ ...as, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		for (const stream of [this.server.stdout!, this.server.stderr!])
			stream.on('data', (chunk) => this.output.push(String(chunk)));
		const deadline = Date.now() + 30_000;
		while (Date.now() < deadline) {
			if (this.server.exitCode !== null)
				throw new Error(`postgres exited:\n${this.output.join('')}`);
			if (
				spawnSync(join(bin, 'pg_isready'), [
					'-h',
					this.host,
					'-p',
					String(this.port),
					'-U',
					this.user,
				]).status === 0
			)
				return;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		throw new Error(`PostgreSQL was not ready within 30 s:\n${this.output.join('')}`);
	}

	/** n8n's settings for this database. */
	n8nEnv(): Record<string, string> {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: this.host,
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_USER: this.user,
			DB_POSTGRESDB_PASSWORD: '',
			DB_POSTGRESDB_DATABASE: this.database,
		};
	}

	/** Stops the server (fast shutdown) and removes its data folder. */
	async stop(): Promise<void> {
		this.stopped = true;
		const server = this.server;
		if (server && server.exitCode === null && server.signalCode === null) {
			await new Promise<void>((resolve) => {
				const timer = setTimeout(() => server.kill('SIGKILL'), 15_000);
				server.once('exit', () => {
					clearTimeout(timer);
					resolve();
				});
				server.kill('SIGINT');
			});
		}
		if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
	}
}
