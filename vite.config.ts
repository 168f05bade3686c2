import { defineConfig, type Plugin } from "vite";
import solid from "vite-plugin-solid";

/**
 * The built app carries a Content-Security-Policy: scripts only from the app itself (no inline
 * scripts), no network beyond the serving origin, no plugins, no <base> or form tricks. Only at
 * build time, because the dev server's HMR needs its websocket.
 * 'unsafe-eval' is there because Arquero compiles table expressions and row accessors with
 * `Function`; transform expressions from files are parsed and checked against Arquero's op
 * allow-list before Arquero sees them (cells/transform), and Vega runs with its interpreter.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join("; ");

function contentSecurityPolicy(): Plugin {
  return {
    name: "content-security-policy",
    apply: "build",
    transformIndexHtml: () => [
      { tag: "meta", attrs: { "http-equiv": "Content-Security-Policy", content: CONTENT_SECURITY_POLICY }, injectTo: "head" },
    ],
  };
}

export default defineConfig({
  plugins: [solid(), contentSecurityPolicy()],
  build: {
    target: "es2022",
    reportCompressedSize: true,
    chunkSizeWarningLimit: 1500,
  },
  preview: { host: "127.0.0.1", port: 5173, strictPort: false },
  server: { host: "127.0.0.1" },
});
