/** The credential's Base URL (normalizeBaseUrl in nodes/Callbell/transport/credentials.ts), as users type it. */
import { normalizeBaseUrl } from '../../../nodes/Callbell/transport/credentials';

describe('base URLs', () => {
	it('tolerates trailing slashes', () => {
		expect(normalizeBaseUrl(' https://api.callbell.eu/v1// ')).toBe('https://api.callbell.eu/v1');
	});
});
