import type { Metadata, Viewport } from "next";
import { env } from "@/lib/env";
import "./globals.css";

export const metadata: Metadata = {
  // "Review queue — Example Relay": what the page is, then whose it is.
  title: { default: env.RELAY_NAME, template: `%s — ${env.RELAY_NAME}` },
  description: "Why your mail was blocked, the evidence, and how to get sending again.",
  robots: { index: false, follow: false },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  colorScheme: "light dark",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">{children}</body>
    </html>
  );
}
