#!/usr/bin/env node
// `node packaging/debScripts.js [OUT]`: the .deb's install scripts, made at build time (packaging/dist.js).
//
// electron-builder's own after-install and after-remove templates (which put /usr/bin/subrelay-app on
// PATH and set Chromium's sandbox up: chrome-sandbox 4755 or the AppArmor profile) with the `subrelay`
// command line added: /usr/bin/subrelay, through update-alternatives as electron-builder does for the
// app, pointing at the package's resources/cli/subrelay. Written to OUT (default out/packaging, which
// git ignores) so that each electron-builder update brings its own templates along.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TEMPLATES = join(root, 'node_modules', 'app-builder-lib', 'templates', 'linux');

/** Where electron-builder.config.js expects the scripts (relative to the repository). */
export const AFTER_INSTALL = 'out/packaging/deb-after-install.tpl';
export const AFTER_REMOVE = 'out/packaging/deb-after-remove.tpl';

/**
 * Puts `subrelay` on PATH. `${sanitizedProductName}` is electron-builder's macro (the install folder
 * under /opt); plain `$name` is the shell's. A /usr/bin/subrelay that is not ours (a file, or a link
 * elsewhere) is left alone, with a note.
 */
export const CLI_INSTALL = `
# Subrelay: the \`subrelay\` command line on PATH, run by the app's own binary (resources/cli/subrelay).
SUBRELAY_CLI='/opt/\${sanitizedProductName}/resources/cli/subrelay'
if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --install '/usr/bin/subrelay' 'subrelay' "$SUBRELAY_CLI" 100 \\
        || echo "Subrelay: /usr/bin/subrelay is taken; run $SUBRELAY_CLI for the command line"
elif [ ! -e '/usr/bin/subrelay' ] || [ "$(readlink '/usr/bin/subrelay')" = "$SUBRELAY_CLI" ]; then
    ln -sf "$SUBRELAY_CLI" '/usr/bin/subrelay'
else
    echo "Subrelay: /usr/bin/subrelay is taken; run $SUBRELAY_CLI for the command line"
fi
`;

/** Takes `subrelay` off PATH again, only where it is still ours. */
export const CLI_REMOVE = `
# Subrelay: the \`subrelay\` command line leaves PATH with the app.
SUBRELAY_CLI='/opt/\${sanitizedProductName}/resources/cli/subrelay'
if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove 'subrelay' "$SUBRELAY_CLI" >/dev/null 2>&1 || true
fi
if [ -L '/usr/bin/subrelay' ] && [ "$(readlink '/usr/bin/subrelay')" = "$SUBRELAY_CLI" ]; then
    rm -f '/usr/bin/subrelay'
fi
`;

/** Writes the two scripts into `folder`; returns their paths (after-install, after-remove). */
export function makeDebScripts(folder = join(root, 'out', 'packaging')) {
  mkdirSync(folder, { recursive: true });
  const scripts = [
    ['after-install.tpl', 'deb-after-install.tpl', CLI_INSTALL],
    ['after-remove.tpl', 'deb-after-remove.tpl', CLI_REMOVE],
  ];
  return scripts.map(([template, name, addition]) => {
    const path = join(folder, name);
    const base = readFileSync(join(TEMPLATES, template), 'utf8');
    writeFileSync(path, `${base.replace(/\n*$/u, '\n')}${addition}`, { mode: 0o755 });
    return path;
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  for (const path of makeDebScripts(process.argv[2] === undefined ? undefined : resolve(process.argv[2]))) {
    console.log(path);
  }
}
