/** A byte order mark: Excel reads a CSV as UTF-8 (Chinese names intact) only when the file starts with one. */
export const CSV_BOM = '\uFEFF';

export type CsvValue = string | number | null | undefined;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled. A text that
 * starts with =, +, - or @ is prefixed with ' so a spreadsheet shows it instead of running it as a formula.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole CSV document for spreadsheets: BOM, header row, CRLF line ends. */
export function toCsv(header: string[], rows: CsvValue[][]): string {
  return CSV_BOM + [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
