//! Documents on the delegate's page: a published document downloaded byte for byte, and
//! one published while the delegate watches listed without a reload.

use super::*;
use floor_protocol::document::DocumentKind;

/// Upload a PDF and publish it as a draft resolution of general distribution, as the
/// secretariat.
async fn publish_document(fx: &Fixture, symbol: &str, title: &str, bytes: Vec<u8>) {
    let published = async {
        let content = fx.try_upload_pdf(bytes).await?;
        fx.try_publish_in_english(symbol, title, DocumentKind::DraftResolution, &content)
            .await
    };
    let accepted = published.await.unwrap_or_else(|e| panic!("{e:#}"));
    assert!(!accepted.events.is_empty());
}

/// A condition: the page's documents list has an entry with the symbol and the title.
fn listed(symbol: &str, title: &str) -> String {
    format!(
        "[...document.querySelectorAll('.documents li')].some(li => li.innerText.includes({}) && li.innerText.includes({}))",
        serde_json::to_string(symbol).unwrap(),
        serde_json::to_string(title).unwrap()
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delegate_downloads_a_published_document_byte_for_byte() {
    use sha2::Digest;
    let fresh = fresh_meeting(1).await;
    let (node, fx) = (&fresh.node, &fresh.fx);
    let a = &fx.members[0];
    let (symbol, title) = ("E/CN.7/2025/L.4", "Promoting alternative development");
    let bytes = pdf_bytes();
    let sha = sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>();
    publish_document(fx, symbol, title, bytes.clone()).await;
    let (_, a_code) = fx.delegate_invitation(a).await;

    let driver = Driver::start().await;
    let page = driver.browser("downloads").await;
    join(&page, node, &a_code).await;
    page.wait_for("the document listed", &listed(symbol, title))
        .await;

    // The English version is saved as a file named by its symbol and language, with the
    // bytes that were uploaded.
    page.click(".documents li button.link").await;
    let expected = page.downloads().join("E_CN.7_2025_L.4-en.pdf");
    let deadline = std::time::Instant::now() + DEADLINE;
    let got = loop {
        // Chromium writes `<name>.crdownload` and renames it when complete.
        if let Ok(got) = std::fs::read(&expected) {
            if got.len() == bytes.len() {
                break got;
            }
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no {} after the click; the folder holds {:?}",
            expected.display(),
            std::fs::read_dir(page.downloads())
                .map(|d| d.flatten().map(|e| e.file_name()).collect::<Vec<_>>())
                .unwrap_or_default()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let got_sha = sha2::Sha256::digest(&got)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>();
    assert_eq!(
        got_sha, sha,
        "the downloaded file differs from the uploaded one"
    );
    assert_eq!(
        page.windows().await.len(),
        1,
        "no untitled blob: tab is opened"
    );
    page.screenshot("delegate-documents").await;
    page.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_document_published_while_a_delegate_watches_is_listed_without_a_reload() {
    let fresh = fresh_meeting(1).await;
    let (node, fx) = (&fresh.node, &fresh.fx);
    let a = &fx.members[0];
    let (_, a_code) = fx.delegate_invitation(a).await;
    let driver = Driver::start().await;
    let page = driver.browser("documents-live").await;
    join(&page, node, &a_code).await;
    page.wait_for(
        "no documents yet",
        "document.querySelector('.documents').innerText.includes('No documents.')",
    )
    .await;
    let (symbol, title) = ("E/CN.7/2025/L.5", "Drug policy and human rights");
    publish_document(fx, symbol, title, pdf_bytes()).await;
    page.wait_for("the document listed", &listed(symbol, title))
        .await;
    page.quit().await;
}
