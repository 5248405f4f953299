// The Cloud Storage emulator of firebase-tools (pinned: 15.34.2) without the firebase CLI, for the gs:// tests.
// The CLI wants Java 21 and downloads a rules runtime; the GCS JSON API needs neither, so this starts the
// emulator's HTTP app directly. It also logs every request line ("GET /path?query") to stdout, where the tests
// count remote reads, and accepts the multipart uploads the Java client sends (the stock parser wants
// Content-Type as the only header of a part).
// Usage: TMPDIR=<dir> NODE_PATH=<prefix>/node_modules node gcs-emulator.js <port> <host>
const http = require('http');
const port = parseInt(process.argv[2] || '9199', 10), host = process.argv[3] || '127.0.0.1';
const { StorageEmulator } = require('firebase-tools/lib/emulator/storage');
const { createApp } = require('firebase-tools/lib/emulator/storage/server');
const { EmulatorRegistry } = require('firebase-tools/lib/emulator/registry');
const multipart = require('firebase-tools/lib/emulator/storage/multipart');

multipart.parseObjectUploadMultipartRequest = (contentType, body) => {
  const m = /boundary=("?)([^";]+)\1/i.exec(contentType || '');
  if (!contentType.startsWith('multipart/related') || !m) throw new Error(`Bad content type. ${contentType}`);
  const delim = Buffer.from('--' + m[2]);
  const parts = [];
  let pos = body.indexOf(delim);
  while (pos >= 0) {
    const start = pos + delim.length;
    if (body.slice(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delim, start);
    if (next < 0) break;
    const part = body.slice(start + 2, next - 2);
    const h = part.indexOf('\r\n\r\n');
    parts.push(h < 0 ? part : part.slice(h + 4));
    pos = next;
  }
  if (parts.length !== 2) throw new Error('Unexpected number of parts in request body');
  return { metadataRaw: parts[0].toString(), dataRaw: Buffer.from(parts[1]) };
};

(async () => {
  // no em.start(): it would start (and download) the rules runtime
  const em = new StorageEmulator({ projectId: 'demo-test', host, port, auto_download: false, rules: { name: 'none', content: '' } });
  EmulatorRegistry.set(em.getName(), em); // metadata URLs are built from the registry
  const app = await createApp('demo-test', em);
  const server = http.createServer((req, res) => {
    process.stdout.write(`request: ${req.method} ${req.url}\n`);
    app(req, res);
  });
  server.listen(port, host, () => console.log(`gcs-emulator listening on http://${host}:${port}`));
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
