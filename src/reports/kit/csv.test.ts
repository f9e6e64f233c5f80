import { describe, expect, it } from 'vitest';
import { csvCell, csvObjects, csvTable } from './index.js';

describe('the CSV writer', () => {
  it('quotes fields holding a quote, comma, CR or LF and doubles the quotes (RFC 4180 §2)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "mine"')).toBe('"say ""mine"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });

  it('neutralises a text cell starting with =, +, -, @, tab or CR with a leading quote (OWASP CSV injection)', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('+1+2')).toBe("'+1+2");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rcmd')).toBe('"\'\rcmd"');
    // Only the first character matters: a formula character inside the text is harmless.
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes numbers from numbers as they are, so a negative coordinate stays numeric', () => {
    expect(csvCell(-8.1)).toBe('-8.1');
    expect(csvCell(0)).toBe('0');
    // The same characters given as text are text, and are neutralised.
    expect(csvCell('-8.1')).toBe("'-8.1");
  });

  it('writes null and undefined as empty, booleans as words and objects as neutralised JSON', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('writes a header and rows, one record a line, and objects by the named columns', () => {
    expect(
      csvTable(
        ['x', 'label'],
        [
          [-8.1, '=1+1'],
          [2, 'ok'],
        ],
      ),
    ).toBe("x,label\n-8.1,'=1+1\n2,ok\n");
    expect(csvObjects([{ b: 'two', a: 1, c: 'unused' }], ['a', 'b'])).toBe('a,b\n1,two\n');
  });
});
