// electron-builder afterPack hook: flips Electron's fuses as the security checklist advises,
// in the packaged binary (https://www.electronjs.org/docs/latest/tutorial/fuses).
const { join } = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

const BINARY = {
  darwin: (ctx) =>
    join(
      ctx.appOutDir,
      `${ctx.packager.appInfo.productFilename}.app`,
      'Contents',
      'MacOS',
      ctx.packager.appInfo.productFilename,
    ),
  win32: (ctx) => join(ctx.appOutDir, `${ctx.packager.appInfo.productFilename}.exe`),
  linux: (ctx) => join(ctx.appOutDir, ctx.packager.executableName),
};

exports.default = async function afterPack(context) {
  const binary = BINARY[context.electronPlatformName](context);
  await flipFuses(binary, {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin',
    [FuseV1Options.RunAsNode]: false, // ELECTRON_RUN_AS_NODE cannot turn the app into a plain Node
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false, // NODE_OPTIONS is ignored
    [FuseV1Options.EnableNodeCliInspectArguments]: false, // --inspect and friends are ignored
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  });
};
