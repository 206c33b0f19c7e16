// The agent's text answer rendered as markdown. Whatever the agent wrote is untrusted, so the
// HTML goes through DOMPurify; styles are dropped (the CSP would refuse them anyway) and links
// open outside the app.
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';

let hooked = false;
function purifier(): typeof DOMPurify {
  if (!hooked) {
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
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
      purifier().sanitize(marked.parse(text, { async: false }), {
        FORBID_ATTR: ['style'],
        FORBID_TAGS: ['style'],
      }),
    [text],
  );
  // Sanitised just above.
  return <div className="markdown" aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
}
