// A SHA-256 file beside each release artefact (`<artefact>.sha256`, in `sha256sum` format: hash, two
// spaces, file name), so a ward can check the installer or zip it received on a USB stick:
//   Windows PowerShell: Get-FileHash .\So-An-Sinh-0.1.0-x64.zip -Algorithm SHA256   (compare with the .sha256)
//   Linux:              sha256sum -c So-An-Sinh-0.1.0-x64.zip.sha256
// electron-builder calls it after all artefacts are built (`afterAllArtifactBuild` in electron-builder.yml)
// and publishes the files it returns; `node scripts/write-checksums.cjs <folder or files…>` runs it alone.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS hook: electron-builder require()s it */
const { createHash } = require('node:crypto');
const { createReadStream, readdirSync, statSync, writeFileSync } = require('node:fs');
const { basename, join } = require('node:path');

/** Artefacts are the files users download: not block maps, update metadata or checksums themselves. */
const isArtefact = (path) => /\.(exe|zip|AppImage|deb|rpm|msi|7z|tar\.gz|dmg)$/i.test(path);

function sha256(path) {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** Writes `<path>.sha256` for each artefact; returns the checksum files written. */
async function writeChecksums(paths) {
  const written = [];
  for (const path of paths.filter(isArtefact)) {
    const target = `${path}.sha256`;
    writeFileSync(target, `${await sha256(path)}  ${basename(path)}\n`);
    written.push(target);
  }
  return written;
}

/** electron-builder's afterAllArtifactBuild hook: the returned files are published with the artefacts. */
async function afterAllArtifactBuild(result) {
  return writeChecksums(result.artifactPaths);
}

module.exports = afterAllArtifactBuild;
module.exports.default = afterAllArtifactBuild;
module.exports.writeChecksums = writeChecksums;
module.exports.isArtefact = isArtefact;

if (require.main === module) {
  const args = process.argv.slice(2);
  const paths = args.flatMap((arg) =>
    statSync(arg).isDirectory() ? readdirSync(arg).map((name) => join(arg, name)) : [arg],
  );
  writeChecksums(paths).then(
    (written) => {
      for (const file of written) console.log(file);
      if (!written.length) console.log('no artefact found (.exe, .zip, .AppImage, …)');
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
