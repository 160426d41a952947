/**
 * What must hold before a `v*` tag publishes (docs/releasing.md): the tag is `v` + package.json's
 * version, a valid semver, and CHANGELOG.md has that version's dated section. Prereleases
 * (`1.2.0-beta.1`) go to the npm dist-tag `next`, never to `latest`, which n8n installs.
 */

export interface ReleaseCheck {
	/** Why this tag must not publish; empty when it may. */
	problems: string[];
	/** The npm dist-tag to publish under. */
	distTag: 'latest' | 'next';
}

/** semver 2.0.0, as npm accepts it (no leading `v`, no build metadata needed). */
const SEMVER =
	/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-.]+)?$/;

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function checkRelease(tag: string, version: string, changelog: string): ReleaseCheck {
	const problems: string[] = [];
	const semver = SEMVER.exec(version);
	if (!semver)
		problems.push(`package.json's version "${version}" is not semver (MAJOR.MINOR.PATCH)`);
	if (tag !== `v${version}`) {
		problems.push(
			`the tag "${tag}" is not "v${version}", package.json's version: bump it (npm version) or tag the right commit`,
		);
	}
	const section = new RegExp(`^## \\[${escapeRegExp(version)}\\] - \\d{4}-\\d{2}-\\d{2}\\s*$`, 'm');
	if (!section.test(changelog)) {
		problems.push(
			`CHANGELOG.md has no section "## [${version}] - YYYY-MM-DD": move the Unreleased entries there`,
		);
	}
	return { problems, distTag: semver?.[4] !== undefined ? 'next' : 'latest' };
}
