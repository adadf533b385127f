import yauzl from 'yauzl';

/** Every entry of a zip (an xlsx) as text, by name. */
export function zipEntries(zip: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, string>();
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error || !file) return reject(error ?? new Error('not a zip'));
      file.on('entry', (entry: yauzl.Entry) => {
        file.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream
            .on('data', (c: Buffer) => chunks.push(c))
            .on('end', () => {
              entries.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
              file.readEntry();
            });
        });
      });
      file.on('end', () => resolve(entries));
      file.readEntry();
    });
  });
}
