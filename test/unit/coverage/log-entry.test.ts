import { describe, expect, it } from "vitest";
import { parseLogLine } from "../../../src/coverage/log-entry.js";

const entry = (
  method: string,
  target: string,
  status: number,
  host?: string,
  contentType?: string,
) => ({ method, target, status, host, contentType });

describe("parseLogLine", () => {
  it.each([
    [
      '192.0.2.1 - - [01/Sep/2026:08:00:00 +0200] "GET /notes?x=1 HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
      entry("GET", "/notes?x=1", 200),
    ],
    [
      '192.0.2.1 - jdupont [01/Sep/2026:08:00:00 +0200] "POST /login HTTP/2.0" 302 0',
      entry("POST", "/login", 302),
    ],
    [
      '192.0.2.1 - - [01/Sep/2026:08:00:00 +0200] "GET /end HTTP/1.0" 200',
      entry("GET", "/end", 200),
    ],
    [
      'ent.example.fr:443 192.0.2.1 - - [01/Sep/2026:08:00:00 +0200] "GET /timeline HTTP/1.1" 200 9 "-" "UA"',
      entry("GET", "/timeline", 200, "ent.example.fr"),
    ],
    [
      '192.0.2.1 - - [01/Sep/2026:08:00:00 +0200] "GET /a\\x22b HTTP/1.1" 200 1 "-" "say \\"hi\\""',
      entry("GET", "/a\\x22b", 200),
    ],
    [
      '2001:db8::1 - - [01/Sep/2026:08:00:00 +0200] "GET http://ent.example.fr/notes HTTP/1.1" 200 1 "-" "-"',
      entry("GET", "http://ent.example.fr/notes", 200),
    ],
    [
      '{"request_method":"GET","request_uri":"/notes","status":"200","http_host":"ent.example.fr"}',
      entry("GET", "/notes", 200, "ent.example.fr"),
    ],
    [
      '{"req":{"method":"get","url":"/timeline","headers":{"host":"ent.fr"}},"res":{"statusCode":200,"headers":{"content-type":"text/html"}}}',
      entry("GET", "/timeline", 200, "ent.fr", "text/html"),
    ],
    [
      '{"http.request.method":"POST","url.original":"/x","http.response.status_code":201}',
      entry("POST", "/x", 201),
    ],
    [
      '{"request":"GET /absences HTTP/1.1","status":200,"host":"-"}',
      entry("GET", "/absences", 200),
    ],
  ])("reads %s", (line, expected) => {
    expect(parseLogLine(line)).toEqual(expected);
  });

  it.each([
    "",
    "not a log line",
    '192.0.2.1 - - [01/Sep/2026:08:00:00 +0200] "-" 400 0 "-" "-"',
    '192.0.2.1 - - [01/Sep/2026:08:00:00 +0200] "\\x16\\x03\\x01" 400 0 "-" "-"',
    '{"request_method":"GET","status":200}',
    '{"request_uri":"/x","status":"ok","request_method":"GET"}',
    "{not json",
    "[1,2]",
  ])("refuses %j", (line) => {
    expect(parseLogLine(line)).toBeUndefined();
  });
});
