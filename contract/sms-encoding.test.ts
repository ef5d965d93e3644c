import { describe, expect, it } from 'vitest';
import { countParts, encodingFor, gsm7Septets, isGsm7, splitIntoParts } from './sms-encoding.js';

const repeat = (text: string, times: number) => text.repeat(times);

describe('GSM-7 alphabet', () => {
  it('has the 127 basic characters (128 less the escape) and the 10 extension characters', () => {
    const all = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code));
    expect(all.filter((c) => gsm7Septets(c) === 1)).toHaveLength(127);
    expect(all.filter((c) => gsm7Septets(c) === 2).sort()).toEqual(['\f', '^', '{', '}', '\\', '[', '~', ']', '|', '€'].sort());
    expect(gsm7Septets('\u001b')).toBeNull();
  });

  it('knows which texts fit it', () => {
    expect(isGsm7('Hello World! @£$¥ èéùìò ÄÖÑÜ§¿ äöñüà ΔΦΓΛΩΠΨΣΘΞ {€}')).toBe(true);
    expect(isGsm7('ç')).toBe(false); // only the capital Ç is in the table
    expect(isGsm7('naïve')).toBe(false);
    expect(isGsm7('👍')).toBe(false);
    expect(isGsm7('`')).toBe(false);
  });

  it('chooses unicode for any other character, or when asked', () => {
    expect(encodingFor('plain text')).toBe('text');
    expect(encodingFor('plain text', 'unicode')).toBe('unicode');
    expect(encodingFor('Привет')).toBe('unicode');
    expect(encodingFor('price: 5€')).toBe('text');
  });
});

describe('parts of a GSM-7 text', () => {
  it('sends up to 160 septets as one part', () => {
    expect(splitIntoParts('')).toEqual({ encoding: 'text', length: 0, parts: [''] });
    expect(countParts(repeat('a', 160))).toBe(1);
    expect(countParts(repeat('a', 161))).toBe(2);
  });

  it('counts extension characters as two septets', () => {
    expect(splitIntoParts(repeat('€', 80))).toMatchObject({ length: 160, parts: [repeat('€', 80)] });
    expect(countParts(repeat('€', 80) + 'a')).toBe(2);
    expect(countParts(repeat('a', 159) + '^')).toBe(2);
    expect(countParts(repeat('a', 158) + '^')).toBe(1);
  });

  it('cuts concatenated texts into parts of 153 septets', () => {
    const split = splitIntoParts(repeat('a', 306));
    expect(split.parts.map((p) => p.length)).toEqual([153, 153]);
    expect(countParts(repeat('a', 307))).toBe(3);
    expect(countParts(repeat('a', 459))).toBe(3);
    expect(countParts(repeat('a', 460))).toBe(4);
    expect(split.parts.join('')).toBe(repeat('a', 306));
  });

  it('never splits an escape pair: the extension character moves to the next part', () => {
    const text = repeat('a', 152) + '{' + repeat('b', 10);
    const split = splitIntoParts(text);
    expect(split.parts).toEqual([repeat('a', 152), '{' + repeat('b', 10)]);
    expect(split.length).toBe(164);
    expect(split.parts.join('')).toBe(text);
  });
});

describe('parts of a unicode text', () => {
  it('sends up to 70 code units as one part and 67 per concatenated part', () => {
    expect(countParts(repeat('ж', 70))).toBe(1);
    expect(countParts(repeat('ж', 71))).toBe(2);
    expect(splitIntoParts(repeat('ж', 134)).parts.map((p) => p.length)).toEqual([67, 67]);
    expect(countParts(repeat('ж', 135))).toBe(3);
  });

  it('counts GSM characters as one unit each once the text is unicode', () => {
    expect(splitIntoParts('€ and ж')).toEqual({ encoding: 'unicode', length: 7, parts: ['€ and ж'] });
    expect(countParts(repeat('a', 100), 'unicode')).toBe(2);
    expect(countParts(repeat('a', 100), 'text')).toBe(1);
  });

  it('counts a character outside the BMP (emoji) as two units and never splits its surrogate pair', () => {
    expect(splitIntoParts(repeat('😀', 35))).toMatchObject({ encoding: 'unicode', length: 70 });
    expect(countParts(repeat('😀', 35))).toBe(1);
    const text = repeat('x', 66) + '😀' + 'y';
    expect(text.length).toBe(69);
    expect(countParts(text)).toBe(1);
    const long = repeat('x', 66) + '😀' + repeat('y', 10);
    const split = splitIntoParts(long);
    expect(split.parts).toEqual([repeat('x', 66), '😀' + repeat('y', 10)]);
    expect(split.parts.join('')).toBe(long);
  });

  it('keeps every character when it re-joins the parts', () => {
    const text = 'Grüße aus Köln – 👋 '.repeat(30);
    const split = splitIntoParts(text);
    expect(split.encoding).toBe('unicode');
    expect(split.parts.join('')).toBe(text);
    expect(split.parts.every((part) => part.length <= 67)).toBe(true);
    expect(split.parts).toHaveLength(Math.ceil(text.length / 67));
  });
});
