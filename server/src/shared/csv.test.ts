import { CSV_BOM, csvField, toCsv } from './csv';

describe('csv', () => {
  it('quotes fields with commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField(-12)).toBe('-12');
    expect(csvField(null)).toBe('');
  });

  it('starts with a BOM and ends every row with CRLF', () => {
    expect(toCsv(['名称', 'n'], [['课程,一', 1]])).toBe(`${CSV_BOM}名称,n\r\n"课程,一",1\r\n`);
  });
});
