/** The local npm registry's pure parts (dev/registry.ts): the versions it publishes, its configuration. */
import { nextLocalVersion, registryConfig } from '../../dev/registry';

describe('nextLocalVersion: each publication is newer than the last, so that n8n’s Update takes it', () => {
	it('starts a prerelease of the next patch: newer than the version in package.json', () => {
		expect(nextLocalVersion('0.1.0', ['0.1.0'])).toBe('0.1.1-local.1');
	});

	it('counts on from the highest one published, in any order', () => {
		expect(
			nextLocalVersion('0.1.0', ['0.1.0', '0.1.1-local.2', '0.1.1-local.10', '0.1.1-local.3']),
		).toBe('0.1.1-local.11');
	});

	it('ignores prereleases of other versions and a prerelease in package.json itself', () => {
		expect(nextLocalVersion('1.2.3-beta.1', ['0.1.1-local.7', '1.2.4-rc.1'])).toBe('1.2.4-local.1');
	});
});

describe('registryConfig', () => {
	const config = registryConfig('/tmp/callbell-registry', 4873);

	it('listens on 127.0.0.1 only, with no uplinks: it serves what was published to it and never the public registry', () => {
		expect(config).toContain('listen: 127.0.0.1:4873');
		expect(config).toContain('uplinks: {}');
		expect(config).not.toMatch(/proxy:|registry\.npmjs\.org/);
	});

	it('lets anyone install and only a signed-in user publish, storage and users in its folder', () => {
		expect(config).toMatch(/access: \$all\n\s+publish: \$authenticated/);
		expect(config).toContain('storage: "/tmp/callbell-registry/storage"');
		expect(config).toContain('file: "/tmp/callbell-registry/htpasswd"');
	});
});
