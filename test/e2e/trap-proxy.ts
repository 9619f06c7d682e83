import { createServer, type Server } from 'node:http';

import { freePort } from './ports';

/**
 * Stands in for the internet: n8n's proxy settings point here, so a request that would leave this machine
 * is recorded and answered with nothing instead. Tests assert that it saw nothing.
 */
export async function startTrapProxy(seen: string[]): Promise<{ url: string; server: Server }> {
	const server = createServer((request, response) => {
		seen.push(`${request.method} ${request.url}`);
		response.writeHead(502).end();
	});
	server.on('connect', (request, socket) => {
		seen.push(`CONNECT ${request.url}`);
		socket.destroy();
	});
	const port = await freePort();
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${port}`, server };
}

export function proxyEnv(url: string): Record<string, string> {
	const local = '127.0.0.1,localhost,::1';
	return {
		HTTP_PROXY: url,
		HTTPS_PROXY: url,
		http_proxy: url,
		https_proxy: url,
		NO_PROXY: local,
		no_proxy: local,
	};
}
