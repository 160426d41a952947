// Removes build output so a rebuild never ships files from deleted sources.
const { rmSync } = require('node:fs');
for (const dir of ['dist']) rmSync(dir, { recursive: true, force: true });
