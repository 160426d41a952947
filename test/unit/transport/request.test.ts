/**
 * The request's path (apiPath in nodes/Callbell/transport/request.ts): every segment encoded, so
 * that no value from an item can reach another endpoint.
 */
import { apiPath } from '../../../nodes/Callbell/transport/request';

describe('paths', () => {
	it('encodes every path segment', () => {
		expect(apiPath('contacts', '../auth/me')).toBe('/contacts/..%2Fauth%2Fme');
		expect(apiPath('contacts', 'x?y=1')).toBe('/contacts/x%3Fy%3D1');
	});

	it('apiPath never lets a dot segment climb a level', () => {
		expect(apiPath('contacts', 'bsuid', '..')).toBe('/contacts/bsuid/%2E%2E');
		expect(apiPath('contacts', '.')).toBe('/contacts/%2E');
		expect(apiPath('contacts', 'US.1349')).toBe('/contacts/US.1349');
	});
});
