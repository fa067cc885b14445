// electron-builder's configuration: `npm run dist` (packaging/dist.js) builds the installers for the
// machine it runs on. A test validates this against electron-builder's own schema
// (node_modules/app-builder-lib/scheme.json). Icons come from packaging/icon.svg (packaging/icons.js).

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'org.subrelay.desktop',
  productName: 'Subrelay',
  copyright: 'Copyright © Subrelay contributors',
  directories: { output: 'dist', buildResources: 'out/packaging' },
  // The built app (main, preload, renderer), the samples and the locales; production dependencies are added.
  // tsx, esbuild and the React packages are dependencies for `npx subrelay` and the renderer's build only.
  files: [
    'out/main/**/*',
    'out/preload/**/*',
    'out/renderer/**/*',
    'samples/**/*',
    'package.json',
    '!**/*.map',
    '!node_modules/{tsx,esbuild,@esbuild,react,react-dom,react-i18next,i18next,scheduler,@types,@babel}/**/*',
  ],
  asar: true,
  // The `subrelay` command line: resources/cli/subrelay (and subrelay.cmd) run the app with --cli.
  extraResources: [{ from: 'packaging/cli', to: 'cli' }],
  fileAssociations: [
    {
      ext: 'subrelay',
      name: 'Subrelay project',
      description: 'Subrelay project',
      mimeType: 'application/x-subrelay',
      role: 'Editor',
    },
  ],
  // Fuses are flipped on the packed binary before electron-builder signs it (main/bin/fuses.js).
  afterPack: './packaging/afterPack.js',
  mac: {
    target: ['dmg'],
    category: 'public.app-category.productivity',
    icon: 'out/packaging/icon.icns',
    hardenedRuntime: true,
    // Signing: CSC_LINK and CSC_KEY_PASSWORD (a Developer ID certificate). Without them the app is
    // signed ad hoc. Notarisation: APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID.
    notarize: Boolean(process.env.APPLE_ID && process.env.APPLE_APP_SPECIFIC_PASSWORD && process.env.APPLE_TEAM_ID),
  },
  dmg: { title: 'Subrelay ${version}' },
  win: {
    target: ['nsis'],
    icon: 'out/packaging/icon.ico',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
  },
  linux: {
    // AppImage runs anywhere; the .deb sets Chromium's sandbox up (chrome-sandbox 4755 where user
    // namespaces are off, an AppArmor profile on Ubuntu 24.04 and later: electron-builder's after-install).
    target: ['AppImage', 'deb'],
    executableName: 'subrelay-app',
    icon: 'out/packaging/icons',
    category: 'Office',
    synopsis: 'Align, review and export subtitles and localized text',
    maintainer: 'Subrelay contributors',
    mimeTypes: ['application/x-subrelay'],
  },
  deb: {
    priority: 'optional',
    // electron-builder's own install scripts plus /usr/bin/subrelay, the command line (packaging/debScripts.js,
    // made into out/packaging by packaging/dist.js).
    afterInstall: 'out/packaging/deb-after-install.tpl',
    afterRemove: 'out/packaging/deb-after-remove.tpl',
  },
};

export default config;
