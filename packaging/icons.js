#!/usr/bin/env node
// `node packaging/icons.js [OUT]`: makes the app's icons from packaging/icon.svg, at build time.
//
// Writes OUT/icon.png (1024), OUT/icons/NxN.png (Linux), OUT/icon.ico (Windows) and OUT/icon.icns
// (macOS); OUT defaults to out/packaging, which git ignores: no generated image is committed.
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import png2icons from 'png2icons';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ICON_SOURCE = join(root, 'packaging', 'icon.svg');
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

/** Renders the SVG as a square PNG `size` pixels wide. */
export function renderPng(svg, size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();
}

/** Makes every icon file electron-builder needs into `folder`; returns their paths. */
export function makeIcons(folder = join(root, 'out', 'packaging')) {
  const svg = readFileSync(ICON_SOURCE);
  mkdirSync(join(folder, 'icons'), { recursive: true });
  const written = [];
  const write = (path, bytes) => {
    if (bytes === null) throw new Error(`${ICON_SOURCE}: could not make ${path}`);
    writeFileSync(path, bytes);
    written.push(path);
  };
  const large = renderPng(svg, 1024);
  write(join(folder, 'icon.png'), large);
  for (const size of LINUX_SIZES) write(join(folder, 'icons', `${size}x${size}.png`), renderPng(svg, size));
  write(join(folder, 'icon.ico'), png2icons.createICO(large, png2icons.BICUBIC2, 0, false, true));
  write(join(folder, 'icon.icns'), png2icons.createICNS(large, png2icons.BICUBIC2, 0));
  return written;
}

if (process.argv[1] !== undefined && import.meta.url === `file://${resolve(process.argv[1])}`) {
  const written = makeIcons(process.argv[2] === undefined ? undefined : resolve(process.argv[2]));
  console.log(`Subrelay: ${written.length} icon files made from packaging/icon.svg`);
}
