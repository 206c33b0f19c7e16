// The agent's text answer rendered as markdown. Whatever the agent wrote is untrusted (it
// quotes the pages it read), so raw HTML in it is shown as the text it is, never as markup;
// the markdown's own HTML still goes through DOMPurify, which drops styles (the CSP would refuse
// them anyway) and forms and their controls (a fake login form must not show inside a result);
// only absolute http(s) links stay links, opened outside the app; any other href is removed,
// leaving the words.
import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { useMemo } from 'react';
import { webPageHref } from '../common/safe-links';

/** Interactive elements a result never needs: their text stays, the element goes. */
export const FORBIDDEN_RESULT_TAGS = [
  'style',
  'form',
  'input',
  'button',
  'select',
  'option',
  'optgroup',
  'textarea',
  'datalist',
  'fieldset',
  'output',
  'dialog',
];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Markdown whose raw HTML (blocks and inline tags) comes out as visible, escaped text. */
const markdown = new Marked({
  renderer: { html: ({ text }) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!) },
});

let hooked = false;
function purifier(): typeof DOMPurify {
  if (!hooked) {
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        const href = webPageHref(node.getAttribute('href'));
        if (href === null) {
          node.removeAttribute('href');
          return;
        }
        node.setAttribute('href', href);
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
    hooked = true;
  }
  return DOMPurify;
}

export function Markdown({ text, label }: { text: string; label: string }) {
  const html = useMemo(
    () =>
      purifier().sanitize(markdown.parse(text, { async: false }), {
        FORBID_ATTR: ['style', 'formaction', 'action'],
        FORBID_TAGS: FORBIDDEN_RESULT_TAGS,
      }),
    [text],
  );
  // Sanitised just above.
  return <div className="markdown" aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
}
