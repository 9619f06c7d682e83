import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
	return await new Promise((resolve) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** A port whose next port is free too: `npm run dev` puts n8n's task broker on port + 1. */
export async function freePortPair(): Promise<number> {
	const isFree = (port: number) =>
		new Promise<boolean>((done) => {
			const server = createServer();
			server.once('error', () => done(false));
			server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
		});
	for (;;) {
		const port = await freePort();
		if (port < 65535 && (await isFree(port + 1))) return port;
	}
}

/** TCP ports the given processes listen on, from /proc (inode of each listening socket -> its fds). */
export function listeningPorts(pids: number[]): number[] {
	const byInode = new Map<string, number>();
	for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
		let lines: string[] = [];
		try {
			lines = readFileSync(table, 'utf8').trim().split('\n').slice(1);
		} catch {
			continue;
		}
		for (const line of lines) {
			const fields = line.trim().split(/\s+/);
			if (fields[3] === '0A') byInode.set(fields[9], parseInt(fields[1].split(':')[1], 16));
		}
	}
	const ports = new Set<number>();
	for (const pid of pids) {
		let fds: string[] = [];
		try {
			fds = readdirSync(`/proc/${pid}/fd`);
		} catch {
			continue;
		}
		for (const fd of fds) {
			try {
				const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
				if (inode && byInode.has(inode)) ports.add(byInode.get(inode)!);
			} catch {
				// closed meanwhile
			}
		}
	}
	return [...ports].sort((a, b) => a - b);
}

/** Every TCP port anything on this machine listens on. */
export function allListeningPorts(): Set<number> {
	const ports = new Set<number>();
	for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
		try {
			for (const line of readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
				const fields = line.trim().split(/\s+/);
				if (fields[3] === '0A') ports.add(parseInt(fields[1].split(':')[1], 16));
			}
		} catch {
			// no such table
		}
	}
	return ports;
}
