// CSV as Personalize's dataset import jobs read it: RFC 4180 (quoted fields, "" for a quote, CRLF or LF),
// first row a header naming the schema's fields.

export class CsvSyntaxError extends Error {
  constructor(source: string, line: number, message: string) {
    super(`${source}, line ${line}: ${message}`);
    this.name = "CsvSyntaxError";
  }
}

/** Rows of fields, with the 1-based line each row starts on. Blank lines are skipped. */
export function parseCsv(text: string, source: string): Array<{ line: number; fields: string[] }> {
  const rows: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let rowLine = 1;
  const endField = () => {
    fields.push(field);
    field = "";
    afterQuote = false;
  };
  const endRow = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === "")) rows.push({ line: rowLine, fields });
    fields = [];
  };
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (char === "\n") line++;
        field += char;
      }
      continue;
    }
    if (char === ",") endField();
    else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[index + 1] === "\n") index++;
      endRow();
      line++;
      rowLine = line;
    } else if (char === '"') {
      if (field !== "" || afterQuote) throw new CsvSyntaxError(source, line, "a quote may only open a field");
      quoted = true;
    } else {
      if (afterQuote) throw new CsvSyntaxError(source, line, "text after a closing quote");
      field += char;
    }
  }
  if (quoted) throw new CsvSyntaxError(source, rowLine, "a quoted field is never closed");
  if (field !== "" || fields.length > 0 || afterQuote) endRow();
  return rows;
}

/** One CSV line (no line break), quoting only the fields that need it. */
export function formatCsvRow(values: ReadonlyArray<string | number>): string {
  return values
    .map((value) => {
      const text = String(value);
      return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
    })
    .join(",");
}
