import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareBirthDates, type BirthDateAgreement } from './birth-date.ts';
import type { BirthDate } from './types.ts';

const day = (value: string): BirthDate => ({ value, precision: 'day' });
const year = (y: number): BirthDate => ({ value: `${y}-01-01`, precision: 'year' });

function agreement(a: BirthDate | null, b: BirthDate | null): BirthDateAgreement | undefined {
  const forward = compareBirthDates(a, b);
  const backward = compareBirthDates(b, a);
  assert.deepEqual(forward, backward, 'symmetric');
  return forward?.agreement;
}

describe('compareBirthDates', () => {
  it('recognises each kind of agreement', () => {
    assert.equal(agreement(day('1985-03-12'), day('1985-03-12')), 'exact');
    assert.equal(agreement(day('1985-03-12'), day('1985-12-03')), 'day_month_swapped');
    assert.equal(agreement(year(1985), day('1985-03-12')), 'year_only_match');
    assert.equal(agreement(year(1985), year(1985)), 'year_only_match');
    assert.equal(agreement(day('1985-03-12'), day('1985-03-13')), 'one_digit_typo');
    assert.equal(agreement(day('1985-03-12'), day('1985-03-21')), 'one_digit_typo');
    assert.equal(agreement(day('1985-03-12'), day('1985-08-12')), 'one_digit_typo');
    assert.equal(agreement(day('1985-03-12'), day('1958-03-12')), 'year_typo');
    assert.equal(agreement(day('1985-03-12'), day('1986-03-12')), 'year_typo');
    assert.equal(agreement(day('1985-03-12'), day('1995-03-12')), 'year_typo');
    assert.equal(agreement(day('1989-05-01'), day('1990-05-01')), 'year_typo');
    assert.equal(agreement(day('1985-03-12'), day('1987-03-12')), 'year_typo'); // one digit of the year
    assert.equal(agreement(day('1985-03-12'), day('1976-03-12')), 'different'); // two digits of the year
    assert.equal(agreement(day('1985-03-12'), day('1985-12-04')), 'one_digit_typo'); // swapped, then one digit
    assert.equal(agreement(day('1985-03-12'), day('1985-10-30')), 'within_one_year');
    assert.equal(agreement(year(1985), year(1986)), 'within_one_year');
    assert.equal(agreement(year(1985), day('1984-12-31')), 'within_one_year');
    assert.equal(agreement(day('1985-03-12'), day('1987-06-30')), 'different');
    assert.equal(agreement(year(1960), day('1985-03-12')), 'different');
  });

  it('ignores the month and day of a year-only date', () => {
    assert.equal(agreement({ value: '1985-07-01', precision: 'year' }, day('1985-01-30')), 'year_only_match');
    assert.equal(agreement({ value: '1985', precision: 'day' }, day('1985-01-30')), 'year_only_match');
  });

  it('gives no evidence for a missing or malformed date', () => {
    assert.equal(compareBirthDates(null, day('1985-03-12')), null);
    assert.equal(compareBirthDates(day('12/03/1985'), day('1985-03-12')), null);
  });

  it('weighs exact above slips that keep day and month, above a digit of the day, above a shared year, and a different date against', () => {
    const w = (a: BirthDate, b: BirthDate) => compareBirthDates(a, b)!.weight;
    const exact = w(day('1985-03-12'), day('1985-03-12'));
    const swapped = w(day('1985-03-12'), day('1985-12-03'));
    const yearTypo = w(day('1985-03-12'), day('1986-03-12'));
    const typo = w(day('1985-03-12'), day('1985-03-13'));
    const yearOnly = w(year(1985), day('1985-03-12'));
    const near = w(year(1985), year(1986));
    const notASlip = w(day('1985-03-12'), day('1985-10-30'));
    const different = w(day('1957-06-30'), day('1985-03-12'));
    assert.ok(exact > swapped && swapped >= yearTypo && yearTypo > typo && typo > near && yearOnly > near && near > 0);
    // Less than a year apart but not a slip: namesakes, far more often than one person.
    assert.ok(notASlip < -2 && different < notASlip && different < -5);
  });
});
