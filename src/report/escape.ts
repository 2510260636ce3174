// Escaping for every output format. Collection names, node names, stage names and URLs come from
// config files or the target itself: any of them may hold markup, and none may ever run as code.

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** escapeHtml makes text safe in HTML element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]!);
}

/**
 * jsonForScript serialises data for a `<script type="application/json">` element. JSON alone is
 * not enough: a string holding `</script>` would end the element early. Escaping `<`, `>` and `&`
 * as \u escapes keeps the JSON identical once parsed; U+2028 and U+2029 are escaped for old
 * JavaScript parsers that treat them as line ends.
 */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * escapeMarkdown makes text literal in GitHub-flavoured Markdown, inside table cells too: job
 * summaries render inline HTML, so angle brackets become entities, and the characters that
 * start emphasis, links, code or a table cell are backslash-escaped.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~!])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

/**
 * markdownCode writes text as one inline code span: a line break (a blank line ends the span and
 * lets what follows render as Markdown and HTML) becomes a space, and a backtick, which would
 * close the span early, a quote.
 */
export function markdownCode(text: string): string {
  return `\`${text.replace(/[\u0000-\u001F\u007F]+/g, ' ').replace(/`/g, "'")}\``;
}

// C0 and C1 control characters and DEL: in a terminal they move the cursor, recolour, retitle.
const TERMINAL_CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g;

/** escapeTerminal makes one-line text from a config file or a run folder inert in a terminal: each control character is shown as \xNN. */
export function escapeTerminal(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (char) => `\\x${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

// XML 1.0 forbids most control characters even as character references.
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** escapeXml makes text safe in XML content and in double- or single-quoted attributes. */
export function escapeXml(text: string): string {
  return escapeHtml(text.replace(XML_FORBIDDEN, '\uFFFD'));
}
