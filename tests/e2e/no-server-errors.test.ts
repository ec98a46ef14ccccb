import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { SERVER_ACTION_BODY_LIMIT_BYTES } from "@/lib/http/server-actions";
import { baseUrl } from "../support/browser";
import { demoReportPath, freshClient, randomSecret } from "../support/demo-links";
import { appRoutePaths, buildServerActions, sendRaw, type RawRequest } from "../support/raw-http";

/*
 * No client input may make the app answer 5xx. Malformed methods, headers and bodies go to
 * every route (found in app/ on disk) and every server action (found in the build's own
 * manifest), so a new page, route or action is covered without anyone listing it here.
 * First a fixed matrix that tries every kind of input on every target at least once, then
 * random combinations from fast-check with a fixed seed, bounded in count and in time.
 * Requests go over node:http, which sends what it is given: duplicate headers, broken
 * escapes, any method.
 */

const ROUTES = appRoutePaths();
const ACTIONS = buildServerActions();
// Its own client address (the e2e app trusts one proxy hop), so the misses this test causes
// count against no other test's limits.
const CLIENT = freshClient();
const SAME_ORIGIN = () => baseUrl();

const METHODS = [
  "GET",
  "HEAD",
  "OPTIONS",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "PROPFIND",
  "TRACE",
  "MKCOL",
  "PURGE",
  "SEARCH",
];
/* On every route; the rarer ones come in the random part. */
const MATRIX_METHODS = METHODS.slice(0, 9);

/* Places to send requests to, besides each route itself. */
const EXTRA_PATHS = [
  demoReportPath("abuse-active"), // a real report: the front server's page cache and Next's render
  `/?id=%E0%A4%A&auth=%ZZ`,
  `/?id=${"9".repeat(20)}&auth=${randomSecret()}&id=%00`,
  "/%E0%A4%A",
  "/staff/%ZZ",
  "/api/v1/blocks/%E0%A4%A/lift",
  "/?%=&&=%&a=%ff%fe",
  "/nonexistent/page",
  "//double//slashes",
  "/_next/static/chunks/%2e%2e/x.js",
];

const withQuery = (path: string, query: string) => `${path}${path.includes("?") ? "&" : "?"}${query}`;

/* Header sets that break one assumption each. */
const HEADER_SETS: [string, string][][] = [
  [],
  [["Accept", "application/json;q=0"]],
  [["Accept", "text/html;q=abc, application/json;q=-1, */*;q=2"]],
  [["Accept", ";;;,,,=q"]],
  [["Accept", `application/${"x".repeat(4000)}`]],
  [["Accept", "application/json"]],
  [["RSC", "1"]],
  [
    ["RSC", "1"],
    ["Next-Router-State-Tree", "garbage"],
  ],
  [
    ["RSC", "1"],
    ["Next-Router-State-Tree", "%5B%22%22%2C%7B%22children%22%3A"],
  ],
  [
    ["RSC", "1"],
    [
      "Next-Router-State-Tree",
      encodeURIComponent(JSON.stringify(["", { children: [["x", "y", "z"], {}] }, null, null, true])),
    ],
  ],
  [
    ["RSC", "1"],
    ["Next-Router-Prefetch", "1"],
    ["Next-Router-Segment-Prefetch", "/_tree/%%"],
  ],
  [
    ["Next-Url", "%%%"],
    ["RSC", "1"],
  ],
  [
    ["Content-Type", "application/json"],
    ["Content-Type", "text/plain"],
  ],
  [["Content-Type", "multipart/form-data"]],
  [["Content-Type", "multipart/form-data; boundary="]],
  [["Content-Type", "%%%/;;;"]],
  [["X-Filler", "a".repeat(12_000)]],
  [["X-Filler", "a".repeat(40_000)]], // past Node's header limit: 431 from the server itself
  [["Cookie", "next-auth.session-token=garbage; __Secure-next-auth.session-token=%%; a"]],
  [["Authorization", "Bearer %%%"]],
  [["Authorization", "Basic ###"]],
  [
    ["Range", "bytes=999-1"],
    ["If-None-Match", "*"],
    ["If-Modified-Since", "yesterday"],
  ],
  [["Accept-Encoding", "gzip;q=abc, br;q=-1, *;q=0"]],
  [
    ["X-Forwarded-Host", "evil.example, x"],
    ["X-Forwarded-Proto", "gopher"],
  ],
  [["Host", "evil.example"]],
  [["Origin", "null"]],
  [["Origin", "::"]],
  [["Next-Action", "garbage"]],
  [["Next-Action", ""]],
];

const BOUNDARY = "----fuzz7MA4YWxkTrZu0gW";
const multipart = (fields: [string, string][], boundary = BOUNDARY) =>
  `${fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("")}--${boundary}--\r\n`;
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;

/* Bodies, each with the Content-Type it is sent with (null: none). */
const BODIES: { type: string | null; body?: string | Buffer }[] = [
  { type: null },
  { type: "application/json", body: '{"a":' },
  { type: "application/json", body: "[]" },
  { type: "application/x-www-form-urlencoded", body: "a=%ZZ&&=&b" },
  { type: "text/plain;charset=UTF-8", body: "[null,null]" },
  { type: MULTIPART, body: multipart([["a", "b"]], "other-boundary") },
  { type: "multipart/form-data", body: multipart([["a", "b"]]) },
  { type: MULTIPART, body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated` },
  { type: "application/octet-stream", body: Buffer.from([0xff, 0xfe, 0x00, 0x80]) },
];

/* What a server action is sent: its id in the header, and a hostile body or origin. */
function actionRequests(id: string, path: string): RawRequest[] {
  const as = (headers: [string, string][], body?: string | Buffer): RawRequest => ({
    method: "POST",
    path,
    headers: [["Next-Action", id], ...headers],
    body,
  });
  const plain = (body: string) =>
    as(
      [
        ["Content-Type", "text/plain;charset=UTF-8"],
        ["Origin", SAME_ORIGIN()],
      ],
      body,
    );
  const form = (fields: [string, string][]) =>
    as(
      [
        ["Content-Type", MULTIPART],
        ["Origin", SAME_ORIGIN()],
      ],
      multipart(fields),
    );
  const link: [string, string][] = [
    ["_1_id", "9".repeat(20)],
    ["_1_auth", randomSecret()],
  ];
  return [
    plain("[null,null]"),
    plain("[]"),
    plain('"x"'),
    plain("{}"),
    plain("[{"),
    plain('["$1"]'),
    plain('["$@1","$Q1"]'),
    plain('["$K1","$T"]'),
    plain('["$h1","$F1","$D","$n"]'),
    plain(`[${"[".repeat(5000)}${"]".repeat(5000)}]`),
    plain(JSON.stringify(Array.from({ length: 2000 }, () => null))),
    form([...link, ["0", '[{"status":"idle"},"$K1"]']]),
    form([
      ["0", '["$K1","$K1"]'],
      ["_1_id", "%00"],
      ["_1_auth", "\u202e"],
    ]),
    form([["0", "[{"]]),
    form([
      ["0", '["$Q2"]'],
      ["2", "[{"],
    ]),
    as(
      [
        ["Content-Type", `multipart/form-data; boundary=${BOUNDARY}`],
        ["Origin", SAME_ORIGIN()],
      ],
      multipart([["0", "[]"]], "another"),
    ),
    as(
      [
        ["Content-Type", "multipart/form-data"],
        ["Origin", SAME_ORIGIN()],
      ],
      multipart([["0", "[]"]]),
    ),
    as(
      [
        ["Content-Type", MULTIPART],
        ["Origin", SAME_ORIGIN()],
      ],
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="0"\r\n\r\n[]`,
    ),
    as([["Content-Type", "application/json"]], "[null]"),
    as([["Content-Type", "application/x-www-form-urlencoded"]], "0=%ZZ"),
    as([], "[]"),
    as(
      [
        ["Content-Type", "text/plain"],
        ["Content-Type", MULTIPART],
      ],
      "[]",
    ),
    as(
      [
        ["Content-Type", "text/plain"],
        ["Origin", "https://evil.example"],
      ],
      "[]",
    ),
    as(
      [
        ["Content-Type", "text/plain"],
        ["Origin", "null"],
      ],
      "[]",
    ),
    as(
      [
        ["Content-Type", "text/plain"],
        ["Origin", "null"],
        ["Sec-Fetch-Site", "same-origin"],
      ],
      "[null,null]",
    ),
    as(
      [
        ["Content-Type", "text/plain"],
        ["Origin", "not a url"],
      ],
      "[]",
    ),
    as([["Content-Type", "text/plain"]], Buffer.alloc(SERVER_ACTION_BODY_LIMIT_BYTES + 1, "a")),
    as(
      [
        ["Content-Type", MULTIPART],
        ["Transfer-Encoding", "chunked"],
      ],
      multipart([["0", "[]"]]),
    ),
    // Without JavaScript: the form posts multipart naming the action in a field.
    {
      method: "POST",
      path,
      headers: [
        ["Content-Type", MULTIPART],
        ["Origin", SAME_ORIGIN()],
      ],
      body: multipart([
        [`$ACTION_ID_${id}`, ""],
        ["id", "x"],
        ["auth", "y"],
      ]),
    },
    {
      method: "POST",
      path,
      headers: [
        ["Content-Type", MULTIPART],
        ["Origin", SAME_ORIGIN()],
      ],
      body: multipart([
        [`$ACTION_REF_1`, ""],
        ["$ACTION_1:0", '{"id":"' + id + '","bound":"$@1"}'],
        ["$ACTION_1:1", "[{"],
      ]),
    },
    {
      method: "POST",
      path,
      headers: [["Content-Type", MULTIPART]],
      body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="$ACTION_ID_${id}"\r\n\r\n`,
    },
    { method: "GET", path, headers: [["Next-Action", id]] },
  ];
}

const UNKNOWN_ACTION_IDS = [
  `00${"f".repeat(40)}`,
  `7f${"0".repeat(40)}`,
  "garbage",
  "",
  "x".repeat(5000),
  "../../etc/passwd",
  "%00",
];

/** Node's default maximum size of a request's headers. */
const NODE_HEADER_LIMIT = 16 * 1024;

const failures: string[] = [];
const statuses = new Map<number, number>();
let sent = 0;

async function expectNoServerError(request: RawRequest): Promise<boolean> {
  sent += 1;
  const what = `${request.method} ${request.path.slice(0, 120)} ${JSON.stringify(request.headers.map(([n, v]) => [n, v.slice(0, 60)]))} ${request.body === undefined ? "" : String(request.body).slice(0, 80)}`;
  try {
    const response = await sendRaw(baseUrl(), {
      ...request,
      headers: [["X-Forwarded-For", CLIENT], ...request.headers],
    });
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    if (response.status >= 500) failures.push(`${response.status} ← ${what}`);
    return response.status < 500;
  } catch (error) {
    // A dropped connection is an answer only for a request the server refused to read to its
    // end: headers past Node's own limit (16 KiB) get its 431 and a closed socket, which the
    // client may see as a reset while it is still writing.
    const message = error instanceof Error ? error.message : String(error);
    const headerBytes = request.headers.reduce((total, [name, value]) => total + name.length + value.length + 4, 0);
    if (headerBytes > NODE_HEADER_LIMIT && /ECONNRESET|EPIPE/.test(message)) return true;
    failures.push(`no answer (${message}) ← ${what}`);
    return false;
  }
}

async function sendAll(requests: RawRequest[]) {
  for (const request of requests) await expectNoServerError(request);
}

describe("no 5xx from anything a client sends", () => {
  afterAll(() => {
    if (failures.length > 0)
      console.error(`${failures.length} requests of ${sent} answered 5xx or not at all:\n${failures.join("\n")}`);
  });

  it("reaches the app itself through the raw client (not a refusal by Node's HTTP parser)", async () => {
    const find = await sendRaw(baseUrl(), { method: "GET", path: "/", headers: [] });
    expect(find.status).toBe(200);
    expect(find.body.toString()).toContain("Find your report");
    const report = await sendRaw(baseUrl(), {
      method: "GET",
      path: demoReportPath("abuse-active"),
      headers: [["X-Forwarded-For", CLIENT]],
    });
    expect(report.status).toBe(200);
  });

  it("finds every route on disk and every server action in the build", () => {
    expect(ROUTES).toEqual(
      expect.arrayContaining([
        "/",
        "/sign-in",
        "/staff",
        "/staff/reports/x",
        "/api/report",
        "/api/v1/blocks",
        "/api/auth/x/x",
      ]),
    );
    expect(ACTIONS.map((action) => action.name)).toEqual(
      expect.arrayContaining([
        "findReportAction",
        "requestReviewAction",
        "reportMessageAction",
        "replyToInfoRequestAction",
        "signInAction",
        "decideAppealAction",
      ]),
    );
    for (const action of ACTIONS) expect(action.pages.length, action.name).toBeGreaterThan(0);
  });

  it("answers every method on every route, with or without a body, below 500", { timeout: 120_000 }, async () => {
    for (const path of [...ROUTES, ...EXTRA_PATHS]) {
      await sendAll(MATRIX_METHODS.map((method) => ({ method, path, headers: [] })));
      await sendAll([
        { method: "POST", path: withQuery(path, "a=%ZZ"), headers: [["Content-Type", "application/json"]], body: "{" },
      ]);
    }
    expect(failures).toEqual([]);
  });

  it(
    "answers every header oddity and every malformed body below 500, each on several routes",
    { timeout: 120_000 },
    async () => {
      // Every set on the find page, a real report and an API route, and on two routes more
      // in turn, so every route meets several of them; fast-check below mixes them further.
      const paths = [...ROUTES, ...EXTRA_PATHS];
      const on = (i: number) => [
        ...new Set(["/", EXTRA_PATHS[0]!, "/api/v1/blocks", paths[i % paths.length]!, paths[(i + 7) % paths.length]!]),
      ];
      for (const [i, headers] of HEADER_SETS.entries())
        await sendAll(on(i).map((path) => ({ method: "GET", path, headers })));
      for (const [i, { type, body }] of BODIES.entries()) {
        await sendAll(
          on(i).map((path) => ({ method: "POST", path, headers: type ? [["Content-Type", type]] : [], body })),
        );
      }
      expect(failures).toEqual([]);
    },
  );

  it(
    "answers every server action, and unknown action ids, below 500 whatever is posted",
    { timeout: 120_000 },
    async () => {
      for (const action of ACTIONS) {
        for (const path of action.pages) await sendAll(actionRequests(action.id, path));
        // On a page that does not carry it, and on no page at all: Next forwards or refuses those.
        for (const path of ["/", "/nonexistent"].filter((other) => !action.pages.includes(other)))
          await sendAll(actionRequests(action.id, path).filter((_, i) => i % 4 === 0));
      }
      for (const id of UNKNOWN_ACTION_IDS) await sendAll(actionRequests(id, "/").filter((_, i) => i % 3 === 0));
      expect(failures).toEqual([]);
    },
  );

  it(
    "answers random combinations of all of the above below 500 (fast-check, fixed seed)",
    { timeout: 120_000 },
    async () => {
      const targets = [...ROUTES, ...EXTRA_PATHS];
      const anyRequest = fc.oneof(
        fc
          .record({
            method: fc.constantFrom(...METHODS),
            path: fc.constantFrom(...targets),
            query: fc.option(fc.constantFrom("%ZZ", "a=%E0%A4%A", "id=%ff&auth=%00", "_rsc=%%"), { nil: undefined }),
            headers: fc.array(fc.constantFrom(...HEADER_SETS), { maxLength: 3 }).map((sets) => sets.flat()),
            body: fc.constantFrom(...BODIES),
          })
          .map(({ method, path, query, headers, body }): RawRequest => ({
            method,
            path: query ? withQuery(path, query) : path,
            headers: [
              ...headers,
              ...(body.type && method !== "GET" && method !== "HEAD"
                ? ([["Content-Type", body.type]] as [string, string][])
                : []),
            ],
            body: method === "GET" || method === "HEAD" ? undefined : body.body,
          })),
        fc
          .record({
            action: fc.constantFrom(...ACTIONS),
            variant: fc.nat(),
            extra: fc.array(
              fc.constantFrom(
                ...HEADER_SETS.filter((set) => !set.some(([name]) => /^(content-type|next-action|host)$/i.test(name))),
              ),
              { maxLength: 2 },
            ),
          })
          .map(({ action, variant, extra }): RawRequest => {
            const requests = actionRequests(action.id, action.pages[variant % action.pages.length]!);
            const request = requests[variant % requests.length]!;
            return { ...request, headers: [...request.headers, ...extra.flat()] };
          }),
      );
      const started = Date.now();
      await fc.assert(fc.asyncProperty(anyRequest, expectNoServerError), {
        seed: 20261207,
        numRuns: 300,
        // Bounded in time too: a slow machine runs fewer cases rather than timing out.
        interruptAfterTimeLimit: 20_000,
        markInterruptAsFailure: false,
        endOnFailure: true,
      });
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(failures).toEqual([]);
    },
  );

  it("got real answers, and the app is still healthy afterwards", async () => {
    // Pages rendered, actions ran, refusals were given: the requests reached the app.
    expect(sent).toBeGreaterThan(800);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(100);
    for (const status of [400, 403, 404, 405, 413])
      expect(statuses.get(status) ?? 0, String(status)).toBeGreaterThan(0);
    expect((await fetch(`${baseUrl()}/api/health`)).status).toBe(200);
  });
});
