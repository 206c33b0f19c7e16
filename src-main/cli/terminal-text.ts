// Every byte the CLI writes to a terminal passes through here. Results, questions, errors, step
// lines, URLs and file names come from web pages the agent visited, so they are hostile: an
// escape sequence in them could retitle the terminal, clear it, fake our status and cost lines,
// write the clipboard (OSC 52) or hide a link (OSC 8). Text output keeps the words and drops
// every control; JSON output keeps the data exact and writes such characters as \u escapes.
// Colours come only from our own code, and only on a terminal that wants them.

/**
 * Escape sequences, whole: CSI (ESC [ or 8-bit CSI, parameters, intermediates, final byte);
 * OSC, DCS, SOS, PM and APC strings up to their terminator (BEL or ST), or up to the next
 * control when unterminated, so their payload (a clipboard write, a link target) goes too;
 * and two-byte ESC sequences (ESC c resets the terminal).
 */
// matching controls is this module's job
const SEQUENCES =
  // eslint-disable-next-line no-control-regex
  /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?|\x1b[\x20-\x2f]*[\x30-\x7e]?/g;

/** C0 controls but tab and newline, DEL and the C1 controls (a lone CR overwrites a line). */
// eslint-disable-next-line no-control-regex -- as above
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/**
 * Bidirectional formatting: embeddings and overrides (U+202A-U+202E), isolates
 * (U+2066-U+2069), the marks (U+200E, U+200F, U+061C), which can make a line read in another
 * order than the bytes it holds; and the line and paragraph separators.
 */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** Remote text made inert for a terminal: the words stay, no control or bidi character does. */
export function terminalText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(SEQUENCES, '').replace(CONTROLS, '').replace(BIDI, '');
}

/** What JSON.stringify leaves raw but a terminal would still act on or reorder. */
const JSON_RAW = /[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/**
 * JSON for the terminal: JSON.stringify escapes C0 controls (ESC becomes \u001b) but leaves
 * DEL, the C1 controls and bidi characters raw; they can only sit inside strings, so writing
 * them as \u escapes keeps the data exact and the bytes inert.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value).replace(
    JSON_RAW,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Writes text to stdout with every remote control removed. */
export function writeOut(text: string, stream: Stream = process.stdout): void {
  stream.write(terminalText(text));
}

/** Writes text to stderr with every remote control removed. */
export function writeErr(text: string, stream: Stream = process.stderr): void {
  stream.write(terminalText(text));
}

/**
 * https://no-color.org: NO_COLOR set to anything but the empty string turns colour off; so
 * does a stream that is not a terminal (a pipe or a file gets plain text).
 */
export function colourAllowed(
  stream: Stream = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

const STYLES = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;
export type Style = keyof typeof STYLES;

/**
 * Our own colour around text that has already been made inert: the only escape sequence the
 * CLI writes to stdout. Written with the stream's raw write, past writeOut's filter.
 */
export function writeStyled(
  style: Style,
  text: string,
  stream: Stream = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): void {
  const clean = terminalText(text);
  stream.write(colourAllowed(stream, env) ? `\x1b[${STYLES[style]}m${clean}\x1b[0m` : clean);
}

/**
 * Redraws a progress line in place on a terminal: our own carriage return and erase-line, then
 * the inert text.
 */
export function redrawLine(text: string, stream: Stream = process.stderr): void {
  stream.write(`\r\x1b[2K${terminalText(text)}`);
}
