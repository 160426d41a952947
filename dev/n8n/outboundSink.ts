/**
 * A local HTTP proxy that refuses everything and remembers what was asked for. With its
 * `proxyEnv()` in n8n's environment, n8n's outgoing HTTP(S) ends here: a safety net for tests,
 * where n8n must talk to 127.0.0.1 only.
 */
import * as http from 'node:http';
import type { Duplex } from 'node:stream';

import { PACKAGE_NAME } from '../package';

export class OutboundSink {
	readonly attempts: string[] = [];
	private server: http.Server | undefined;
	url = '';

	async start(): Promise<void> {
		const server = http.createServer((req, res) => {
			this.attempts.push(`${req.method} ${req.url}`);
			res.writeHead(403).end(`blocked by the ${PACKAGE_NAME} test setup`);
		});
		server.on('connect', (req: http.IncomingMessage, socket: Duplex) => {
			this.attempts.push(`CONNECT ${req.url}`);
			socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		server.unref();
		this.server = server;
		const address = server.address();
		this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
	}

	/** The proxy variables that send a process's outgoing HTTP(S) here (none before `start`). */
	proxyEnv(): Record<string, string> {
		const proxy = this.url;
		return proxy
			? {
					HTTP_PROXY: proxy,
					HTTPS_PROXY: proxy,
					http_proxy: proxy,
					https_proxy: proxy,
					ALL_PROXY: proxy,
				}
			: {};
	}

	async close(): Promise<void> {
		await new Promise<void>((resolve) =>
			this.server ? this.server.close(() => resolve()) : resolve(),
		);
	}
}
