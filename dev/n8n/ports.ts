/** Ports on 127.0.0.1: a free one, whether one is taken, and one for n8n's task broker. */
import * as net from 'node:net';

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** Whether something accepts connections on 127.0.0.1:port. */
export async function portInUse(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/**
 * A free port for n8n's task broker: n8n 2.x starts one in every `n8n start` and `n8n execute`
 * (runners disabled or not), on 5679 unless told, so two n8n processes at once would collide.
 */
export async function taskBrokerEnv(): Promise<Record<string, string>> {
	return { N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
}
