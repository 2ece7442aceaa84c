// A tiny structural reading of Markdown (CommonMark block starts, GFM table cells, raw HTML), enough to
// tell whether a value added a heading, a row, a column, a code block or a tag: two READMEs of the same
// shape, one from plain definitions and one from hostile ones, must have the same skeleton.

/** What a value must not be able to add to a README. */
export interface MarkdownSkeleton {
  /** ATX headings, setext underlines and thematic breaks outside code blocks. */
  readonly headings: number;
  /** Fenced code blocks opened. */
  readonly fences: number;
  /** Cells per table row (GFM: `\` + punctuation is one pair, any other `|` separates). */
  readonly tableRows: readonly number[];
  /** Block quotes and list items. */
  readonly otherBlocks: number;
  /** Raw HTML outside code: `<` starting a tag, comment or declaration, not backslash-escaped. */
  readonly htmlTags: number;
  /** Lines of text outside code blocks and tables. */
  readonly textLines: number;
}

/** The text with every code span removed (CommonMark §6.1: a backtick run closed by one of equal length). */
function withoutCodeSpans(line: string): string {
  let out = "";
  let i = 0;
  while (i < line.length) {
    if (line[i] === "\\" && i + 1 < line.length) {
      out += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (line[i] !== "`") {
      out += line[i];
      i++;
      continue;
    }
    const run = /^`+/.exec(line.slice(i))![0];
    let close = -1;
    for (let j = i + run.length; j < line.length; ) {
      const next = /^`+/.exec(line.slice(j));
      if (next) {
        if (next[0].length === run.length) {
          close = j;
          break;
        }
        j += next[0].length;
      } else j++;
    }
    if (close === -1) {
      out += run;
      i += run.length;
    } else {
      out += "CODE";
      i = close + run.length;
    }
  }
  return out;
}

/** Cells of a GFM table row: split on pipes not taken by a backslash pair. */
function cellCount(line: string): number {
  const cells: string[] = [];
  let cell = "";
  for (let i = 0; i < line.length; i++) {
    if (line[i] === "\\" && i + 1 < line.length && /[!-/:-@[-`{-~]/.test(line[i + 1]!)) {
      cell += line.slice(i, i + 2);
      i++;
    } else if (line[i] === "|") {
      cells.push(cell);
      cell = "";
    } else cell += line[i];
  }
  cells.push(cell);
  if (cells[0]!.trim() === "") cells.shift();
  if (cells.length > 0 && cells[cells.length - 1]!.trim() === "") cells.pop();
  return cells.length;
}

/** The skeleton of a Markdown document. */
export function markdownSkeleton(text: string): MarkdownSkeleton {
  let headings = 0;
  let fences = 0;
  let otherBlocks = 0;
  let htmlTags = 0;
  let textLines = 0;
  const tableRows: number[] = [];
  let fence: { readonly char: string; readonly length: number } | undefined;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = undefined;
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (open && !(open[1]![0] === "`" && open[2]!.includes("`"))) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      fences++;
      continue;
    }
    if (/^ {0,3}(#{1,6}([ \t]|$)|(=+|-+|(\*[ \t]*){3,}|(_[ \t]*){3,})[ \t]*$)/.test(line)) headings++;
    else if (/^ {0,3}(>|[-+*][ \t]|\d{1,9}[.)][ \t])/.test(line)) otherBlocks++;
    else if (/^[ \t]*\|/.test(line)) tableRows.push(cellCount(line));
    else if (line.trim() !== "") textLines++;
    for (const m of withoutCodeSpans(line).matchAll(/(\\*)<[A-Za-z/!?]/g)) if (m[1]!.length % 2 === 0) htmlTags++;
  }
  return { headings, fences, tableRows, otherBlocks, htmlTags, textLines };
}
