import { describe, expect, it } from 'vitest';
import { optInText, placeholdersOf, templateProblem } from './short-codes.js';

describe('short code templates', () => {
  it('a two-factor template has {pin} once and nothing else', () => {
    expect(templateProblem('two_factor', 'Your code is {pin}')).toBeNull();
    expect(templateProblem('two_factor', 'Your code is PIN')).toBe('Put {pin} where the code goes');
    expect(templateProblem('two_factor', '{pin} and {pin}')).toBe('Use {pin} once');
    expect(templateProblem('two_factor', '{brand}: {pin}')).toBe('A two-factor message has only {pin}: remove {brand}');
  });

  it('an alert template takes named placeholders, each a lower-case name between braces', () => {
    expect(templateProblem('alerts', 'Parcel {parcel_id} arrives {day}')).toBeNull();
    expect(templateProblem('alerts', 'No placeholders at all')).toBeNull();
    expect(templateProblem('alerts', 'Parcel {Parcel}')).toMatch(/^\{Parcel\} is not a placeholder/);
    expect(templateProblem('alerts', 'Parcel {}')).toMatch(/^\{\} is not a placeholder/);
    expect(templateProblem('alerts', 'Parcel } arrives')).toBe('Every { needs its } around a placeholder name');
    expect(templateProblem('alerts', 'Parcel {{id}}')).toBe('Every { needs its } around a placeholder name');
    expect(placeholdersOf('{a} {b} {a}')).toEqual(['a', 'b']);
  });

  it('the opt-in text carries the frequency, STOP and HELP to the code, the rates notice and both links', () => {
    expect(optInText({ code: '98975', messages_per_day: 1, terms_url: 'https://x.example/t', privacy_url: 'https://x.example/p' })).toBe(
      'You will receive no more than 1 msg/day. To opt-out at any time, send STOP to 98975. To receive more information, send HELP to 98975. Message and Data Rates May Apply. The terms and conditions can be viewed at https://x.example/t. Our Privacy Policy can be reviewed at https://x.example/p.',
    );
  });
});
