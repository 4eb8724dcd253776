/**
 * Where a JSON text stops being JSON, as line and column: V8's JSON.parse messages give a
 * character offset only for some errors ("Unexpected token" and "Unexpected end" give none),
 * so the text is scanned by the grammar (RFC 8259) up to the first character that breaks it.
 */
export interface JsonErrorPosition {
  readonly line: number;
  readonly column: number;
  /** What was found there: a character, or "the end of the file". */
  readonly found: string;
}

/** The first offset at which `text` is not JSON, or undefined when it is JSON. */
export function jsonErrorOffset(text: string): number | undefined {
  let at = 0;
  class Stop extends Error {}
  const fail = (): never => {
    throw new Stop();
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at])) at++;
  };
  const literal = (word: string) => {
    for (const char of word) if (text[at++] !== char) return (at--, fail());
  };
  const digits = () => {
    if (!/[0-9]/.test(text[at] ?? '')) fail();
    while (/[0-9]/.test(text[at] ?? '')) at++;
  };
  const number = () => {
    if (text[at] === '-') at++;
    if (text[at] === '0') at++;
    else digits();
    if (text[at] === '.') (at++, digits());
    if (text[at] === 'e' || text[at] === 'E') {
      at++;
      if (text[at] === '+' || text[at] === '-') at++;
      digits();
    }
  };
  const string = () => {
    at++; // the opening quote
    for (;;) {
      const char = text[at];
      if (char === undefined || char < ' ') fail();
      if (char === '"') return void at++;
      if (char === '\\') {
        at++;
        if (text[at] === 'u') {
          for (let i = 1; i <= 4; i++) if (!/[0-9a-fA-F]/.test(text[at + i] ?? '')) (at += i, fail());
          at += 5;
        } else if ('"\\/bfnrt'.includes(text[at] ?? 'x')) at++;
        else fail();
      } else at++;
    }
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === '{') {
      at++;
      space();
      if (text[at] === '}') return void at++;
      for (;;) {
        space();
        if (text[at] !== '"') fail();
        string();
        space();
        if (text[at] !== ':') fail();
        at++;
        value();
        space();
        if (text[at] === '}') return void at++;
        if (text[at] !== ',') fail();
        at++;
      }
    }
    if (char === '[') {
      at++;
      space();
      if (text[at] === ']') return void at++;
      for (;;) {
        value();
        space();
        if (text[at] === ']') return void at++;
        if (text[at] !== ',') fail();
        at++;
      }
    }
    if (char === '"') return string();
    if (char === 't') return literal('true');
    if (char === 'f') return literal('false');
    if (char === 'n') return literal('null');
    if (char === '-' || /[0-9]/.test(char ?? '')) return number();
    fail();
  };
  try {
    value();
    space();
    return at < text.length ? at : undefined;
  } catch (err) {
    if (err instanceof Stop) return at;
    throw err;
  }
}

/** Line and column (both from 1) of the first error in `text`, or undefined when it is JSON. */
export function jsonErrorPosition(text: string): JsonErrorPosition | undefined {
  const offset = jsonErrorOffset(text);
  if (offset === undefined) return undefined;
  const before = text.slice(0, offset).split('\n');
  const found = offset >= text.length ? 'the end of the file' : JSON.stringify(text[offset]);
  return { line: before.length, column: before[before.length - 1].length + 1, found };
}
