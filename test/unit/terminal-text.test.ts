// Remote text on the terminal: every control, escape sequence and bidi character a web page
// could plant is gone from text output, escaped in JSON output, and the words stay readable.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  colourAllowed,
  jsonText,
  redrawLine,
  terminalText,
  writeOut,
  writeStyled,
} from '../../src-main/cli/terminal-text';

/** Anything a terminal would act on, or that reorders what it shows. */
// eslint-disable-next-line no-control-regex
const ACTIVE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const sink = (isTTY: boolean) => {
  const chunks: string[] = [];
  return { isTTY, chunks, write: (t: string) => chunks.push(t) };
};

describe('terminalText', () => {
  it.each([
    ['OSC 0 retitle, BEL', 'Done\x1b]0;pwned\x07 here', 'Done here'],
    ['OSC 52 clipboard write, ST', 'a\x1b]52;c;Y3VybCBldmlsLnNo\x1b\\b', 'ab'],
    [
      'OSC 8 hidden link keeps its words',
      '\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\',
      'click',
    ],
    ['clear screen and home', '\x1b[2J\x1b[Hcompleted: fake', 'completed: fake'],
    ['colour codes', '\x1b[32mcost: $0.00\x1b[0m', 'cost: $0.00'],
    ['8-bit CSI and OSC', 'x\x9b2Jy\x9d0;t\x07z', 'xyz'],
    ['terminal reset and cursor save', 'a\x1bcb\x1b7c', 'abc'],
    ['carriage return overwriting a line', 'real\rfake', 'realfake'],
    ['BEL, backspace, NUL, DEL', 'a\x07b\x08c\x00d\x7fe', 'abcde'],
    ['bidi override and isolates', 'invoice\u202Egpj.exe\u2066x\u2069', 'invoicegpj.exex'],
    ['newline and tab stay; CRLF becomes a newline', 'a\tb\r\nc\nd', 'a\tb\nc\nd'],
    ['an unterminated OSC ends at the line', '\x1b]0;title\nnext line', '\nnext line'],
    ['ordinary non-ASCII text', 'Zürich — 東京 ✓', 'Zürich — 東京 ✓'],
  ])('%s', (_name, input, expected) => {
    expect(terminalText(input)).toBe(expected);
  });

  it('leaves no active character in any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(terminalText(s)).not.toMatch(ACTIVE);
      }),
    );
  });
});

describe('jsonText', () => {
  it('writes every active character as a \\u escape and keeps the data exact', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, s) => {
        const data = { value, s };
        const text = jsonText(data);
        expect(text).not.toMatch(ACTIVE);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(data)));
      }),
    );
  });

  it('escapes C1 controls and bidi characters that JSON.stringify leaves raw', () => {
    expect(jsonText({ m: '\x9b2J\u202e' })).toBe('{"m":"\\u009b2J\\u202e"}');
    expect(jsonText({ m: '\x1b]0;t\x07' })).toBe('{"m":"\\u001b]0;t\\u0007"}');
  });
});

describe('colours', () => {
  it('colours only a terminal, and never when NO_COLOR is set', () => {
    expect(colourAllowed({ isTTY: true, write: () => {} }, {})).toBe(true);
    expect(colourAllowed({ isTTY: false, write: () => {} }, {})).toBe(false);
    expect(colourAllowed({ isTTY: true, write: () => {} }, { NO_COLOR: '1' })).toBe(false);
    // no-color.org: an empty NO_COLOR does not count
    expect(colourAllowed({ isTTY: true, write: () => {} }, { NO_COLOR: '' })).toBe(true);
  });

  it('writes our own colour around inert text, and plain text to a pipe', () => {
    const tty = sink(true);
    writeStyled('green', 'ok\x1b[31m', tty, {});
    expect(tty.chunks.join('')).toBe('\x1b[32mok\x1b[0m');
    const pipe = sink(false);
    writeStyled('green', 'ok\x1b[31m', pipe, {});
    expect(pipe.chunks.join('')).toBe('ok');
  });

  it('redraws a progress line with our own erase, the remote part inert', () => {
    const err = sink(true);
    redrawLine('row \x1b[2Jdone', err);
    expect(err.chunks.join('')).toBe('\r\x1b[2Krow done');
    const out = sink(true);
    writeOut('a\x1b]52;c;eA==\x07b', out);
    expect(out.chunks.join('')).toBe('ab');
  });
});

describe('the CLI writes only through terminal-text', () => {
  it('has no raw process.stdout/stderr write outside terminal-text.ts', () => {
    const dir = join(import.meta.dirname, '../../src-main/cli');
    const offenders = readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'terminal-text.ts')
      .filter((f) =>
        /process\.(stdout|stderr)\.write\(|console\.(log|error|warn|info)\(/.test(
          readFileSync(join(dir, f), 'utf8'),
        ),
      );
    expect(offenders).toEqual([]);
  });
});
