// Copies what tsc does not emit (icons, codex files) next to the compiled nodes and credentials.
const { src, dest, task } = require('gulp');

function copyNodeAssets() {
	return src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

task('build:icons', copyNodeAssets);
