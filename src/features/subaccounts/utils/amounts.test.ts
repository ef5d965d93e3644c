import { describe, expect, it } from 'vitest';
import { afterTransfer, amountProblem, availableToSpend, balanceAvailable, creditAvailable, parseAmount } from './amounts.js';

describe('creditAvailable', () => {
  it('is |limit| − |balance| in debt (seed 003: -60 and -20 → 40)', () => {
    expect(creditAvailable({ balance: -20, credit_limit: -60 })).toBe(40);
  });
  it('is |limit| with a positive balance', () => {
    expect(creditAvailable({ balance: 2, credit_limit: -100 })).toBe(100);
  });
  it('is never negative', () => {
    expect(creditAvailable({ balance: -70, credit_limit: -60 })).toBe(0);
    expect(creditAvailable({ balance: 0, credit_limit: 0 })).toBe(0);
  });
});

describe('balanceAvailable', () => {
  it('is balance − credit limit', () => {
    expect(balanceAvailable({ balance: 2, credit_limit: -100 })).toBe(102);
    expect(balanceAvailable({ balance: 1.959, credit_limit: 0 })).toBe(1.959);
    expect(balanceAvailable({ balance: -5, credit_limit: 0 })).toBe(0);
  });
});

describe('afterTransfer', () => {
  it('moves credit limit from the giver to the receiver', () => {
    expect(afterTransfer('credit', { balance: 2, credit_limit: -100 }, { balance: 0, credit_limit: 0 }, 40)).toEqual({
      from: { balance: 2, credit_limit: -60 },
      to: { balance: 0, credit_limit: -40 },
    });
  });
  it('moves balance exactly, in micro-euros', () => {
    const { from, to } = afterTransfer('balance', { balance: 0.3, credit_limit: 0 }, { balance: 0.1, credit_limit: 0 }, 0.2);
    expect(from.balance).toBe(0.1);
    expect(to.balance).toBe(0.3);
    expect(availableToSpend(to)).toBe(0.3);
  });
});

describe('parseAmount', () => {
  it('accepts positive decimals of at most six places', () => {
    expect(parseAmount(' 40 ')).toBe(40);
    expect(parseAmount('12.5')).toBe(12.5);
    expect(parseAmount('0.000001')).toBe(0.000001);
  });
  it('reads a decimal comma as a point', () => {
    expect(parseAmount('5,50')).toBe(5.5);
    expect(parseAmount('5.50')).toBe(5.5);
  });
  it('refuses zero, negatives, junk and sub-micro amounts', () => {
    for (const text of ['', '0', '-1', '1e3', 'abc', '1,000.5', '1,5,0', '0.0000001']) expect(parseAmount(text)).toBeNull();
  });
});

describe('amountProblem', () => {
  const money = (amount: number) => `€${amount}`;
  it('accepts an amount up to what is available', () => {
    expect(amountProblem('40', 40, money)).toBeNull();
    expect(amountProblem('5,50', 40, money)).toBeNull();
  });
  it('says how much is available when a well-formed amount is too large, however large', () => {
    expect(amountProblem('40.01', 40, money)).toBe('At most €40 is available');
    expect(amountProblem('99999999999999999999', 40, money)).toBe('At most €40 is available');
  });
  it('names the format, the precision and zero separately', () => {
    expect(amountProblem(' ', 40, money)).toBe('Enter an amount');
    expect(amountProblem('abc', 40, money)).toBe('Enter an amount in euros, such as 40 or 12.50');
    expect(amountProblem('-1', 40, money)).toBe('Enter an amount in euros, such as 40 or 12.50');
    expect(amountProblem('1.0000001', 40, money)).toBe('Use at most 6 decimals (a millionth of a euro)');
    expect(amountProblem('0', 40, money)).toBe('Enter an amount greater than 0');
  });
});
