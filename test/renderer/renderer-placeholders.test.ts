// Template placeholders: found once each, filled, and a task with a blank left is refused.
import { describe, expect, it } from 'vitest';
import {
  fillPlaceholders,
  placeholdersOf,
  unfilledProblem,
} from '../../src-renderer/features/composer/placeholders';

describe('placeholders', () => {
  it('lists each name once, in order, across prompt and URL', () => {
    expect(
      placeholdersOf('Find {{ product }} on {{shop}} for {{product}}', 'https://{{shop}}/'),
    ).toEqual(['product', 'shop']);
  });

  it('fills each blank with its trimmed value and leaves unknown ones', () => {
    expect(fillPlaceholders('{{a}} and {{ b }} and {{c}}', { a: ' x ', b: 'y' })).toBe(
      'x and y and {{c}}',
    );
  });

  it('names the blanks left, and says nothing when there are none', () => {
    expect(unfilledProblem('Price of {{product}} at {{shop}}', '')).toMatch(
      /Fill in \{\{product\}\}, \{\{shop\}\}/,
    );
    expect(unfilledProblem('Price of kettles', 'https://shop.example')).toBeNull();
  });
});
