// HAProxy's stats CSV (`/stats;csv`, or `show stat` on the Runtime API): a header line
// "# pxname,svname,qcur,...", then one row per frontend, backend, server and listener. Columns
// are found by name, since HAProxy versions append new ones.

/** HaproxyServerRow is one backend server's row. */
export interface HaproxyServerRow {
  backend: string;
  name: string;
  status: string;
  sessionsCurrent: number;
  sessionsTotal: number;
  /** HAProxy's own count of sessions over the last second. */
  sessionRate: number;
  queue: number;
  http5xx: number;
  checkStatus?: string;
}

const SERVER_TYPE = '2';

/** parseHaproxyCsv returns the server rows; text without HAProxy's header throws. */
export function parseHaproxyCsv(text: string): HaproxyServerRow[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = lines[0];
  if (!header?.startsWith('# pxname,svname,')) throw new Error('not HAProxy stats CSV (no "# pxname,svname," header)');
  const columns = splitCsvLine(header.slice(2));
  if (!columns.includes('type')) throw new Error('HAProxy stats CSV has no "type" column');
  const at = (row: string[], column: string): string => row[columns.indexOf(column)] ?? '';
  const count = (row: string[], column: string): number => Number(at(row, column)) || 0;

  return lines
    .slice(1)
    .map(splitCsvLine)
    .filter((row) => at(row, 'type') === SERVER_TYPE)
    .map((row) => {
      const server: HaproxyServerRow = {
        backend: at(row, 'pxname'),
        name: at(row, 'svname'),
        status: at(row, 'status'),
        sessionsCurrent: count(row, 'scur'),
        sessionsTotal: count(row, 'stot'),
        sessionRate: count(row, 'rate'),
        queue: count(row, 'qcur'),
        http5xx: count(row, 'hrsp_5xx'),
      };
      const checkStatus = at(row, 'check_status');
      if (checkStatus !== '') server.checkStatus = checkStatus;
      return server;
    });
}

/** splitCsvLine splits one CSV line, honouring "quoted, fields" with "" escapes (HAProxy quotes free text). */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

/** isUp tells whether HAProxy sends traffic to a server: "UP", "UP 1/3" (going down) or "no check". */
export function isUp(status: string): boolean {
  return status.startsWith('UP') || status === 'no check';
}
