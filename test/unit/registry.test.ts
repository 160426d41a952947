/** The local npm registry's pure parts (dev/registry.ts): the versions it publishes, its configuration. */
import { compareVersions, registryConfig, versionToPublish } from '../../dev/registry';

describe('versionToPublish: each publication is newer than everything published, so that n8n’s Update takes it', () => {
	it('publishes package.json’s version while nothing newer is there', () => {
		expect(versionToPublish('0.1.0', [])).toBe('0.1.0');
		expect(versionToPublish('0.2.0', ['0.1.0', '0.1.1-local.3'])).toBe('0.2.0');
	});

	it('once it is published, a prerelease of the next patch, newer than it', () => {
		expect(versionToPublish('0.1.0', ['0.1.0'])).toBe('0.1.1-local.1');
	});

	it('counts on from the newest local one, its number compared as a number (local.10 after local.3)', () => {
		expect(
			versionToPublish('0.1.0', ['0.1.0', '0.1.1-local.2', '0.1.1-local.10', '0.1.1-local.3']),
		).toBe('0.1.1-local.11');
	});

	it('goes past a newer version published with --version, release or prerelease', () => {
		expect(versionToPublish('0.1.0', ['0.1.0', '0.2.0'])).toBe('0.2.1-local.1');
		expect(versionToPublish('0.1.0', ['0.2.0-rc.1'])).toBe('0.2.1-local.1');
	});

	it('every answer is newer than all that was published before it', () => {
		const published: string[] = [];
		for (const own of ['0.1.0', '0.1.0', '0.3.0-beta.2', '0.1.0', '0.3.0', '0.3.0']) {
			const next = versionToPublish(own, published);
			for (const before of published)
				expect({ next, before, newer: compareVersions(next, before) > 0 }).toEqual({
					next,
					before,
					newer: true,
				});
			published.push(next);
		}
	});
});

describe('compareVersions: semver precedence', () => {
	it.each([
		['0.1.0', '0.1.1-local.1'],
		['0.1.1-local.1', '0.1.1'],
		['0.1.1-local.2', '0.1.1-local.10'],
		['1.2.4-local.1', '1.2.4-rc.1'],
		['1.0.0-1', '1.0.0-alpha'],
		['1.0.0-alpha', '1.0.0-alpha.1'],
		['1.9.0', '1.10.0'],
	])('%s < %s', (older, newer) => {
		expect(compareVersions(older, newer)).toBeLessThan(0);
		expect(compareVersions(newer, older)).toBeGreaterThan(0);
	});

	it('ignores build metadata', () => {
		expect(compareVersions('1.0.0+build.1', '1.0.0')).toBe(0);
	});
});

describe('registryConfig', () => {
	const config = registryConfig({
		storage: '/tmp/callbell-registry/storage',
		htpasswd: '/tmp/callbell-registry-work/htpasswd',
		port: 4873,
	});

	it('listens on 127.0.0.1 only, with no uplinks: it serves what was published to it and never the public registry', () => {
		expect(config).toContain('listen: 127.0.0.1:4873');
		expect(config).toContain('uplinks: {}');
		expect(config).not.toMatch(/proxy:|registry\.npmjs\.org/);
	});

	it('lets anyone install and only a signed-in user publish, packages and users where it is told', () => {
		expect(config).toMatch(/access: \$all\n\s+publish: \$authenticated/);
		expect(config).toContain('storage: "/tmp/callbell-registry/storage"');
		expect(config).toContain('file: "/tmp/callbell-registry-work/htpasswd"');
	});
});
