import { MAX_BODY_BYTES } from "../json-body";
import { SIGNATURE_HEADER, SIGNATURE_TOLERANCE_SECONDS } from "@/lib/webhooks/signature";

export const API_DESCRIPTION = `The relay's side of Block Reports: record detections (blocks) with their evidence and get the report link and the exact SMTP reply; report continued sends; check whether a sender is blocked before accepting mail; lift blocks; be told about changes by webhook.

**Authentication.** Every operation except this document needs \`Authorization: Bearer <API key>\`.

**Errors.** Always JSON: \`{ "error": { "code", "message", "field"?, "issues"? } }\`. \`field\` names the offending input (\`evidence[2].window.from\`, \`Authorization\`, \`(body)\`). A refused request stores nothing.

**Limits.** Request bodies up to ${MAX_BODY_BYTES} bytes (413 beyond, judged by Content-Length and by the bytes actually received). Request envelopes are strict: unknown top-level fields are refused (422), so a misspelt field never goes unnoticed; evidence items ignore unknown fields so a newer relay can add detail.

**SMTP users.** An SMTP user named in a detection is created on first use under its (existing) account.

**Report links.** The creation response carries the block's link (for an existing block, its current one). The server keeps the link's secret sealed (AES-256-GCM under a key kept outside the database), so it can say the link again: every status check answers with each block's current link and the exact reply to send (\`reply.line\`, \`reply.see\`, and \`reply.singleLine\` for MTAs without multi-line replies), and a fleet of relay nodes needs no shared store of links. Blocks created before links were kept have \`reportUrl: null\` with \`linkUnavailable\` saying why. Rotating a link (\`POST /api/v1/blocks/{id}/link\`) makes a new one; the old one then answers 410.`;

export const WEBHOOKS_DESCRIPTION = `POSTed as JSON to every active endpoint subscribed to the event type (or to \`*\`), for the endpoint's account or, without one, for every account. Delivered from a job queue: a non-2xx answer, a timeout (10 s) or a refused connection is retried with exponential back-off (5 s, 10 s, 20 s … 8 retries); every attempt is logged. Deduplicate by the body's \`id\`.

**Addresses.** Deliveries go only to public internet addresses. Each attempt resolves the endpoint's host name, refuses it when it resolves to a loopback, private-network, link-local or other non-public address, and connects to exactly the address it checked; such a refusal is logged as a failed attempt and not retried. Redirects (3xx) are not followed: they count as failures.

**Signature.** \`${SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex>\` where v1 = HMAC-SHA256(endpoint secret, "<t>.<raw body>"). Recompute over the raw body, compare in constant time, and reject if |now − t| > ${SIGNATURE_TOLERANCE_SECONDS} s (replay window). Each retry is signed afresh.`;
