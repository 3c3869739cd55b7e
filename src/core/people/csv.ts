// A small RFC 4180 reader: commas, "quoted, fields", doubled "" quotes, line breaks inside quotes,
// CRLF or LF, a leading byte-order mark. Each record carries the line number it starts on.

export interface CsvRecord {
  line: number;
  fields: string[];
}

export interface CsvResult {
  records: CsvRecord[];
  /** A quote that is never closed makes the rest of the file unreadable. */
  error?: { line: number; message: string };
}

export function parseCsv(input: string): CsvResult {
  const text = input.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let quoteLine = 1;
  let sawContent = false;

  const endRecord = () => {
    fields.push(field);
    if (sawContent || fields.length > 1 || field.trim() !== '') records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    sawContent = false;
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      field = '';
      inQuotes = true;
      quoteLine = line;
      sawContent = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      sawContent = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
    }
  }
  if (inQuotes) return { records, error: { line: quoteLine, message: 'a quoted field is never closed (a " is missing)' } };
  if (field !== '' || fields.length) endRecord();
  return { records };
}
