// Loads the client. A file of its own, not an inline script, so that the page's
// Content-Security-Policy can forbid inline scripts (server/src/security_headers.rs).
import init from "/client/floor_client.js";
init({ module_or_path: "/client/floor_client_bg.wasm" });
