// The height the element holds, from its attributes alone: the first plan
// listed decides the rows, a list adds the picker, terms-url its line, and
// anything unreadable holds the default (its error card fits in it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstPlanRows, MESSAGE_LINE, reserve } from '../../www/src/reserve.js';

test('the first plan listed decides the rows', () => {
  assert.equal(firstPlanRows('4'), 4);
  assert.equal(firstPlanRows(' 3, 6,12'), 3);
  assert.equal(firstPlanRows(null), 4);
  for (const bad of ['', 'x', '0', '25', '-2']) assert.equal(firstPlanRows(bad), 4, bad);
});

test('the reserve grows by a row, the picker and the terms line, in rem', () => {
  assert.equal(reserve({}), 'calc(26.2rem + 2px)', 'the README line holds this default');
  assert.equal(reserve({ installments: '6' }), 'calc(30.7rem + 2px)');
  assert.equal(reserve({ installments: '3,6,12' }), 'calc(27.2rem + 2px)');
  assert.equal(reserve({ installments: '4', termsUrl: 'https://shop.example/terms' }), 'calc(28.2rem + 2px)');
});

test("the README's line for the page holds exactly the default", async () => {
  const { readFileSync } = await import('node:fs');
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  assert.ok(readme.includes(`amwal-installments:not(:defined) { display: block; min-height: ${reserve({})}; }`));
});

test('the messaging line (an amount, no link) holds two lines, whatever else is set', async () => {
  assert.equal(reserve({ amount: '299.99' }), `${MESSAGE_LINE}rem`);
  assert.equal(reserve({ amount: '299.99', installments: '3,6,12', termsUrl: 'https://x.example' }), '2.5rem');
  assert.equal(reserve({ amount: '299.99', link: '550e8400-e29b-41d4-a716-446655440000' }), 'calc(26.2rem + 2px)',
    'with a link it is the checkout card');
  assert.equal(reserve({ amount: '  ' }), 'calc(26.2rem + 2px)', 'a blank amount is none');
  const { readFileSync } = await import('node:fs');
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  assert.ok(readme.includes(`amwal-installments[amount]:not([link]):not(:defined) { display: block; min-height: ${reserve({ amount: '1' })}; }`));
});
