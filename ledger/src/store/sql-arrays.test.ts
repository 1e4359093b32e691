import { binaryArray, plainArray, textArray, timestampArray, uuidArray, uuidArrayBinary } from './sql-arrays';

const first = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const second = 'FFFFFFFF-0000-4000-8000-00000000000A';

describe('array parameters', () => {
  it('write text literals that PostgreSQL reads back element by element', () => {
    expect(plainArray(['12.50', null, 3], (value) => value).toLiteral()).toBe('{12.50,NULL,3}');
    expect(plainArray(['(0,1)', '(12,7)'], (value) => value).toLiteral()).toBe('{"(0,1)","(12,7)"}');
    expect(textArray(['say "hi"', 'back\\slash', '', null, '{a,b}'], (value) => value).toLiteral()).toBe(
      '{"say \\"hi\\"","back\\\\slash","",NULL,"{a,b}"}',
    );
    expect(uuidArray([], (value: string) => value).toLiteral()).toBe('{}');
  });

  it('write UUID arrays in the binary format of array_recv', () => {
    const buffer = uuidArrayBinary(uuidArray([first, null, second], (value) => value));
    const header = [0, 4, 8, 12, 16].map((offset) => buffer.readInt32BE(offset));
    expect(header).toEqual([1, 1, 2950, 3, 1]);
    expect(buffer.readInt32BE(20)).toBe(16);
    expect(buffer.subarray(24, 40).toString('hex')).toBe(first.replaceAll('-', ''));
    expect(buffer.readInt32BE(40)).toBe(-1);
    expect(buffer.readInt32BE(44)).toBe(16);
    expect(buffer.subarray(48, 64).toString('hex')).toBe(second.replaceAll('-', '').toLowerCase());
    expect(buffer.length).toBe(64);
    expect(uuidArrayBinary(uuidArray([first], (value) => value)).readInt32BE(4)).toBe(0);
  });

  it('refuse what is not a UUID instead of sending other bytes', () => {
    for (const bad of ['0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5g', '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5ü', '0190a1b2ac3d4a7e5fa8a9ba0c1d2e3f4a5b', '0190a1b2c3d47e5f8a9b0c1d2e3f4a5b', `${first}0`, 'ü'.repeat(36)]) {
      expect(() => uuidArrayBinary(uuidArray([bad], (value) => value))).toThrow(TypeError);
    }
  });

  it('write text and timestamp arrays in the binary format, each run of equal values encoded once', () => {
    const text = binaryArray(textArray(['zwölf', 'zwölf', null, ''], (value) => value));
    expect([0, 4, 8, 12, 16].map((offset) => text.readInt32BE(offset))).toEqual([1, 1, 25, 4, 1]);
    expect(text.readInt32BE(20)).toBe(6);
    expect(text.subarray(24, 30).toString('utf8')).toBe('zwölf');
    expect(text.readInt32BE(30)).toBe(6);
    expect(text.readInt32BE(40)).toBe(-1);
    expect(text.readInt32BE(44)).toBe(0);
    expect(text.length).toBe(48);

    const at = new Date('2026-11-24T12:00:00.123Z');
    const times = binaryArray(timestampArray([at, new Date(at.getTime()), null], (value) => value));
    expect(times.readInt32BE(8)).toBe(1184);
    expect(times.readInt32BE(20)).toBe(8);
    expect(times.readBigInt64BE(24)).toBe(BigInt(at.getTime() - Date.UTC(2000, 0, 1)) * 1000n);
    expect(times.readBigInt64BE(36)).toBe(times.readBigInt64BE(24));
    expect(times.readInt32BE(44)).toBe(-1);
    expect(timestampArray([at, null], (value) => value).toLiteral()).toBe('{2026-11-24T12:00:00.123Z,NULL}');
    expect(() => binaryArray(timestampArray([new Date(Number.NaN)], (value) => value))).toThrow(TypeError);
  });
});

