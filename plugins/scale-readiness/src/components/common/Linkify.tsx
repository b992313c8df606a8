import { Link } from '@material-ui/core';
import { Fragment } from 'react';

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"')\]]+[^\s<>"')\].,;:!?]/g;

/** Splits text into plain parts and URLs (trailing punctuation stays text). */
export function splitUrls(
  text: string,
): Array<{ text: string; url?: boolean }> {
  const parts: Array<{ text: string; url?: boolean }> = [];
  let last = 0;
  for (const m of text.matchAll(URL_PATTERN)) {
    const at = m.index ?? 0;
    if (at > last) parts.push({ text: text.slice(last, at) });
    parts.push({ text: m[0], url: true });
    last = at + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** Text whose http(s) URLs are links (opened in a new tab). */
export const Linkify = ({ text }: { text: string }) => (
  <>
    {splitUrls(text).map((p, i) =>
      p.url ? (
        <Link
          key={i}
          href={p.text}
          target="_blank"
          rel="noopener noreferrer"
          underline="always"
        >
          {p.text}
        </Link>
      ) : (
        <Fragment key={i}>{p.text}</Fragment>
      ),
    )}
  </>
);
