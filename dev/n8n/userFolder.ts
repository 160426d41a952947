/**
 * An n8n user folder (`N8N_USER_FOLDER`) with a package installed the way n8n installs community
 * packages: `.n8n/nodes/node_modules/<name>` is a symlink to the package root (so its `dist/` is
 * what n8n loads) and `.n8n/nodes/package.json` lists it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export class UserFolder {
	readonly dir: string;
	/** `<dir>/.n8n`, where n8n keeps its database, settings and community packages. */
	readonly n8nFolder: string;
	/** Made here (and removed by `remove`) because no folder was given. */
	readonly temporary: boolean;

	/** The given (persistent) folder, or a new temporary one. */
	constructor(dir?: string) {
		this.temporary = dir === undefined;
		this.dir = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'callbell-n8n-'));
		this.n8nFolder = path.join(this.dir, '.n8n');
	}

	/** `.n8n/nodes/node_modules/<name>` → the package root; `.n8n/nodes/package.json` lists it (idempotent). */
	linkPackage(packageRoot: string): void {
		const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {
			name: string;
			version: string;
			n8n?: { nodes?: string[]; credentials?: string[] };
		};
		for (const file of [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])]) {
			if (!fs.existsSync(path.join(packageRoot, file))) {
				throw new Error(`${file} is missing: build the package first (npm run build)`);
			}
		}
		const nodesDir = path.join(this.n8nFolder, 'nodes');
		const modulesDir = path.join(nodesDir, 'node_modules');
		fs.mkdirSync(modulesDir, { recursive: true });
		const link = path.join(modulesDir, pkg.name);
		let current: string | undefined;
		try {
			current = fs.readlinkSync(link);
		} catch {
			current = undefined;
		}
		if (current !== packageRoot) {
			fs.rmSync(link, { recursive: true, force: true });
			fs.symlinkSync(packageRoot, link, 'dir');
		}
		const nodesPackageJson = path.join(nodesDir, 'package.json');
		const existing = (
			fs.existsSync(nodesPackageJson)
				? JSON.parse(fs.readFileSync(nodesPackageJson, 'utf8'))
				: { name: 'installed-nodes', private: true }
		) as { dependencies?: Record<string, string> };
		existing.dependencies = { ...(existing.dependencies ?? {}), [pkg.name]: pkg.version };
		fs.writeFileSync(nodesPackageJson, `${JSON.stringify(existing, null, 2)}\n`);
	}

	/** Removes the folder if it was made here; a given one stays. */
	remove(): void {
		if (this.temporary) fs.rmSync(this.dir, { recursive: true, force: true });
	}
}
