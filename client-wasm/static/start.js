// Loads the client. A file of its own, not an inline script, so that the page's
// Content-Security-Policy can forbid inline scripts (server/src/security_headers.rs).
// The client removes the loading screen when it mounts; if it cannot start, the
// loading screen says so instead of spinning for ever.
import init from "/client/floor_client.js";
init({ module_or_path: "/client/floor_client_bg.wasm" }).catch((error) => {
  console.error("Floor could not start", error);
  const loading = document.getElementById("loading");
  if (loading) {
    loading.classList.add("failed");
    document.getElementById("loading-failed").hidden = false;
  }
});
