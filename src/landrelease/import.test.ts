import { describe, expect, it } from 'vitest';
import { colombiaDesminado, parseCsvRecords, readWithProfile } from './index.js';

const HEADER =
  'departamento,codigodanedepartamento,municipio,codigodanemunicipio,anio,mes,tipodesminado,areadespejada,map,muse,aei,totalartefactosdestruidos,organizacion,estudiosnotecnicos,estudiostecnicos,operacionesdespeje';
const row = (municipio: string, mes: string, area: string) =>
  `CAUCA,19,${municipio},19212,2018,${mes},Comunidades,${area},0,0,5,5,HALO TRUST,2,0,0`;

describe('CSV records keep their physical line numbers', () => {
  it('numbers each record by the line it starts on, across a quoted field that spans lines', () => {
    const text = ['a,b', '1,"two', 'lines"', '3,"x""y"', '', '5,6'].join('\r\n');
    const r = parseCsvRecords(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', 'two\r\nlines'] },
      { line: 4, cells: ['3', 'x"y'] },
      { line: 6, cells: ['5', '6'] },
    ]);
  });

  it('counts lone CR and LF line breaks inside quotes as lines too', () => {
    const r = parseCsvRecords('"a\nb\rc"\nz');
    expect(r.ok && r.value.map((x) => x.line)).toEqual([1, 4]);
  });

  it('refuses a quote that is never closed, naming the line it opened on', () => {
    const r = parseCsvRecords('a,b\n1,2\n3,"open\n4,5\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toMatchObject([{ code: 'LANDRELEASE_IMPORT_ROW_INVALID', path: 'line 3' }]);
  });

  it('names the physical line of a bad row that follows a multi-line quoted field', () => {
    // Line 1 header; record 2 spans lines 2–4 (a quoted municipality with two line breaks);
    // line 5 is good; line 6 has month 13 and area "n/a".
    const text = [
      HEADER,
      row('"CORINTO\nDEL\nNORTE"', '4', '7'),
      row('TORIBIO', '5', '10'),
      row('CALOTO', '13', 'n/a'),
    ].join('\n');
    expect(text.split('\n')).toHaveLength(6);
    const r = readWithProfile(Buffer.from(text, 'utf8'), colombiaDesminado);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((p) => p.path).sort()).toEqual(['line 6.areadespejada', 'line 6.month']);
  });

  it('imports the rows of a file with a multi-line quoted field, each with its starting line', () => {
    const text = [HEADER, row('"CORINTO\nNORTE"', '4', '7'), row('TORIBIO', '5', '10')].join('\n');
    const r = readWithProfile(Buffer.from(text, 'utf8'), colombiaDesminado);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.rows.map((x) => [x.line, x.place.name])).toEqual([
      [2, 'CORINTO\nNORTE'],
      [4, 'TORIBIO'],
    ]);
  });
});
