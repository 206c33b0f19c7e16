// Preloaded into Electronegativity by check-electron-security.mjs. It looks up fresh
// translations and Electron's release list online; with no internet every lookup failed, and
// its HTTP library retried each with growing pauses, so one check took 7-10 s of waiting, most
// of a test's time limit on a loaded machine. The checks we rely on read only the code, so
// every host-name lookup fails at once, with a code that library does not retry.
const dns = require('node:dns');

function offline(hostname) {
  return Object.assign(new Error(`${hostname}: no network for the security check`), {
    code: 'EOFFLINE',
    hostname,
  });
}

dns.lookup = (hostname, options, callback) => {
  const done = typeof options === 'function' ? options : callback;
  process.nextTick(done, offline(hostname));
};
dns.promises.lookup = async (hostname) => {
  throw offline(hostname);
};

// Electronegativity requires `commander` without declaring it, and was written for commander 5;
// the project's own CLI uses a newer one at the top of node_modules. Its requests get the
// version it was written for (the devDependency alias commander-for-electronegativity).
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === 'commander' && parent?.filename?.includes('electronegativity'))
    return resolve.call(this, 'commander-for-electronegativity', parent, ...rest);
  return resolve.call(this, request, parent, ...rest);
};

// Its CSV report is written by two writeFile calls nobody waits for: the header (truncating)
// and then the rows (appending). When the append landed first, the header's truncation cut
// the first rows (about 1 run in 20: "ted in the target application", the tail of a finding).
// Report files are written at once, in the order asked, so the header always comes first.
const fs = require('node:fs');
const writeFile = fs.writeFile;
fs.writeFile = function (file, data, options, callback) {
  const done = typeof options === 'function' ? options : callback;
  if (typeof file !== 'string' || !file.endsWith('.csv')) return writeFile.apply(this, arguments);
  let error = null;
  try {
    fs.writeFileSync(file, data, typeof options === 'function' ? undefined : options);
  } catch (e) {
    error = e;
  }
  process.nextTick(done, error);
};
