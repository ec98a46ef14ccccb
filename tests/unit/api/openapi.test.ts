import { validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/openapi.json/route";
import { evidenceKinds } from "@/lib/evidence";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks";

type ApiDocument = Exclude<Parameters<typeof validate>[0], string>;

async function fetchDocument() {
  const response = GET();
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/json");
  return (await response.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe("GET /api/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document according to @readme/openapi-parser", async () => {
    const document = await fetchDocument();
    expect(document.openapi).toBe("3.1.0");
    const result = await validate(structuredClone(document) as ApiDocument);
    if (!result.valid) console.error(result.errors);
    expect(result.valid).toBe(true);
    expect(result.specification).toBe("OpenAPI");
  });

  it("is rejected by the same validator when broken, so the check can fail", async () => {
    const document = await fetchDocument();
    document.paths["/api/v1/blocks"].post.requestBody.content["application/json"].schema = {
      $ref: "#/components/schemas/Missing",
    };
    expect((await validate(document as ApiDocument)).valid).toBe(false);
  });

  it("describes every endpoint, error and webhook of the issue", async () => {
    const document = await fetchDocument();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/blocks",
        "/api/v1/blocks/{id}/attempts",
        "/api/v1/blocks/{id}/lift",
        "/api/v1/openapi.json",
      ]),
    );
    expect(Object.keys(document.paths["/api/v1/blocks"])).toEqual(expect.arrayContaining(["get", "post"]));
    expect(Object.keys(document.webhooks)).toEqual([...WEBHOOK_EVENT_TYPES]);
    expect(document.components.responses["413"].description).toMatch(/262144 bytes/);
    expect(JSON.stringify(document.webhooks["block.lifted"])).toContain("Block-Reports-Signature");
    const parameters = document.paths["/api/v1/blocks"].get.parameters.map((p: { name: string }) => p.name);
    expect(parameters).toEqual(["smtpUser", "smtpUserExternalId", "accountId", "senderAddress", "status"]);
  });

  it("generates the evidence union from the zod schema: one alternative per evidence kind", async () => {
    const document = await fetchDocument();
    const item = document.components.schemas.EvidenceItem;
    const kinds = item.oneOf.map(
      (alternative: { properties: { kind: { const: string } } }) => alternative.properties.kind.const,
    );
    expect(kinds).toEqual(evidenceKinds);
    expect(document.components.schemas.CreateBlockRequest.properties.evidence.items).toEqual({
      $ref: "#/components/schemas/EvidenceItem",
    });
    expect(document.components.schemas.CreateBlockRequest.additionalProperties).toBe(false);
  });

  it("says which webhook URLs are refused and that credentials in them are masked", async () => {
    const document = await fetchDocument();
    expect(document.components.schemas.WebhookEndpoint.properties.url.description).toMatch(
      /credentials masked: `https:\/\/user:pass@host\/` is shown as `https:\/\/\*\*\*@host\/`/,
    );
    expect(document.components.schemas.CreateWebhookEndpointRequest.properties.url.description).toMatch(
      /loopback, private-network .* refused with 422/,
    );
    expect(document.paths["/api/v1/webhook-endpoints"].get.responses["200"].description).toMatch(
      /credentials in URLs are masked/,
    );
    expect(document.webhooks["block.created"].post.description).toMatch(/Redirects \(3xx\) are not followed/);
  });
});
