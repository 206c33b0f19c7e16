// "Open" on a file a task downloaded. The file came from a web page, so a type the system runs
// (an installer, a script, a shortcut, a disk image that mounts and autoruns) must not start
// with one click: it is shown in its folder with a warning instead, and the person decides.

/** Extensions the common desktop systems run, install, mount or follow rather than show. */
const RUNS_CODE = new Set(
  [
    // Windows programs, installers, scripts, shortcuts and settings
    'exe com scr pif cpl msi msp mst msix appx appxbundle bat cmd ps1 psm1 psd1 ps1xml vbs vbe',
    'js jse wsf wsh wsc hta lnk url website scf inf reg msc gadget application appref-ms',
    'settingcontent-ms library-ms chm dll sys',
    // disk images (mounted, then autorun or double-clicked)
    'iso img vhd vhdx dmg',
    // macOS bundles, installers and scripts
    'app pkg mpkg command tool terminal workflow action scpt applescript webloc inetloc fileloc',
    // Linux launchers, packages and scripts
    'desktop sh bash zsh csh ksh run bin appimage deb rpm snap flatpak flatpakref',
    // cross-platform code
    'jar jnlp py pyw pyc pl rb php lua elf wasm',
    // documents that run macros
    'docm dotm xlsm xltm xlam xll pptm potm ppam sldm',
  ]
    .join(' ')
    .split(' '),
);

export type FileOpenDecision = { action: 'open' } | { action: 'reveal'; warning: string };

/** The base name of a path, whichever separator the system uses. */
function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/**
 * Open, or reveal with a warning. Windows ignores trailing dots and spaces ("setup.exe. " runs
 * as setup.exe), so they are dropped before the extension is read; case never matters.
 */
export function fileOpenDecision(path: string): FileOpenDecision {
  const name = baseName(path).replace(/[. ]+$/, '');
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (!RUNS_CODE.has(ext)) return { action: 'open' };
  return {
    action: 'reveal',
    warning: `${name} is a program or script a web page supplied, so WebRun Desk shows it in its folder instead of running it. Open it yourself only if you trust where it came from.`,
  };
}
