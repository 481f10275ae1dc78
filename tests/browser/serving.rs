//! The client as the server serves it: the page at the root and at an invitation link,
//! its icon and WebAssembly with their types, nothing outside the client's folder, and the
//! API beside it unchanged.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_serves_the_client_at_the_root_and_the_api_is_unchanged() {
    build_client();
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let http = reqwest::Client::new();
    for path in ["/", "/join/ABCD-EFGH-JKLM"] {
        let r = http
            .get(format!("{}{path}", node.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{path}");
        assert!(r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        let page = r.text().await.unwrap();
        assert!(page.contains("/client/floor_client.js"), "{path}");
        // Something to look at before the WebAssembly arrives, and an icon for the tab.
        assert!(page.contains("id=\"loading\""), "{path}: no loading screen");
        assert!(page.contains("/client/favicon.svg"), "{path}: no favicon");
    }
    let icon = http
        .get(format!("{}/client/favicon.svg", node.base))
        .send()
        .await
        .unwrap();
    assert_eq!(icon.status(), 200);
    assert_eq!(icon.headers()["content-type"], "image/svg+xml");
    let wasm = http
        .get(format!("{}/client/floor_client_bg.wasm", node.base))
        .send()
        .await
        .unwrap();
    assert_eq!(wasm.status(), 200);
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    for path in [
        "/client/..%2FCargo.toml",
        "/client/.hidden.js",
        "/client/nothing.js",
    ] {
        let r = http
            .get(format!("{}{path}", node.base))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{path}");
    }
    let api = node.client().get("/api/no-such-route").await;
    assert_eq!(
        (api.status, api.code()),
        (404, "route_not_found"),
        "{api:?}"
    );
}
