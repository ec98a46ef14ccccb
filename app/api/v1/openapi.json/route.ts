import { buildOpenApiDocument } from "@/lib/api/openapi/document";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

let cached: string | undefined;

/** The API description, generated from the zod schemas the routes validate with. Public: it holds no data. */
export function GET() {
  cached ??= JSON.stringify(buildOpenApiDocument(env.PUBLIC_BASE_URL));
  return new Response(cached, {
    headers: { "Content-Type": "application/json", "Cache-Control": "public, max-age=300" },
  });
}
