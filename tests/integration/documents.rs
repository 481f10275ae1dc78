//! Documents through the real server: publishing reaches every entitled participant once,
//! a restricted document does not exist for anyone else by any route, revisions replace
//! and corrigenda attach, downloads resume, and bad uploads are refused.

use floor_protocol::api::*;
use floor_protocol::document::*;
use floor_protocol::frames::{ClientFrame, ServerFrame};
use floor_protocol::symbol::DocumentSymbol;
use floor_protocol::*;
use floor_testkit::*;

/// A small but well-formed PDF.
pub(crate) fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% {text}\ntrailer << /Root 1 0 R >>\n%%EOF\n").into_bytes()
}

pub(crate) async fn upload(sec: &Client, session: SessionId, mime: &str, bytes: Vec<u8>) -> Answer {
    let resp = sec
        .http
        .post(format!("{}/api/sessions/{session}/files", sec.base))
        .bearer_auth(sec.token.as_ref().unwrap())
        .header("content-type", mime)
        .body(bytes)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap();
    Answer {
        status,
        body: serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
    }
}

pub(crate) async fn uploaded(sec: &Client, session: SessionId, bytes: Vec<u8>) -> String {
    let a = upload(sec, session, "application/pdf", bytes).await;
    assert_eq!(a.status, 201, "{a:?}");
    serde_json::from_value::<UploadedFile>(a.body)
        .unwrap()
        .content_id
}

pub(crate) fn publish(
    symbol: &str,
    kind: DocumentKind,
    distribution: Distribution,
    content_id: &str,
) -> DocumentCommand {
    DocumentCommand::Publish {
        symbol: DocumentSymbol::parse(symbol).unwrap(),
        title: format!("Document {symbol}"),
        kind,
        status: DocumentStatus::AdvanceUnedited,
        distribution,
        agenda_items: vec!["4 (a)".into()],
        files: vec![DocumentFile {
            language: Language::En,
            content_id: content_id.into(),
            mime: String::new(),
            size: 0,
        }],
        main_sponsor: None,
        sponsors: vec![],
    }
}

pub(crate) async fn command(who: &Client, session: SessionId, command: DocumentCommand) -> Answer {
    who.post(
        &format!("/api/sessions/{session}/documents/commands"),
        &DocumentCommandRequest { command },
    )
    .await
}

pub(crate) async fn published(who: &Client, session: SessionId, c: DocumentCommand) -> Document {
    let a = command(who, session, c).await;
    assert_eq!(a.status, 200, "{a:?}");
    let accepted: DocumentCommandAccepted = serde_json::from_value(a.body).unwrap();
    match &accepted.events[0].event {
        DocumentEvent::Published { document } => (**document).clone(),
        e => panic!("{e:?}"),
    }
}

pub(crate) async fn follow_documents(
    node: &Node,
    who: &Client,
    session: SessionId,
) -> (Ws, Vec<Document>) {
    let mut ws = Ws::connect(node, who).await;
    ws.send(&ClientFrame::SubscribeDocuments {
        session_id: session,
        since: None,
    })
    .await;
    let docs = ws
        .wait_for(|f| match f {
            ServerFrame::Documents { documents, .. } => Some(documents.clone()),
            _ => None,
        })
        .await;
    (ws, docs)
}

pub(crate) async fn next_document_event(ws: &mut Ws) -> DocumentEnvelope {
    ws.wait_for(|f| match f {
        ServerFrame::DocumentEvent(e) => Some(e.clone()),
        _ => None,
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_publication_reaches_two_hundred_participants_once_each() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 4).await;
    let mut followers = Vec::new();
    for i in 0..200 {
        followers.push(
            follow_documents(&node, &fx.delegates[i % 4], fx.session)
                .await
                .0,
        );
    }
    let first = uploaded(&fx.secretariat, fx.session, pdf("first")).await;
    let second = uploaded(&fx.secretariat, fx.session, pdf("second")).await;
    published(
        &fx.secretariat,
        fx.session,
        publish(
            "E/CN.7/2026/L.2",
            DocumentKind::DraftResolution,
            Distribution::General,
            &first,
        ),
    )
    .await;
    published(
        &fx.secretariat,
        fx.session,
        publish(
            "E/CN.7/2026/CRP.1",
            DocumentKind::ConferenceRoomPaper,
            Distribution::Limited,
            &second,
        ),
    )
    .await;
    let mut tasks = Vec::new();
    for mut ws in followers {
        tasks.push(tokio::spawn(async move {
            let a = next_document_event(&mut ws).await;
            let b = next_document_event(&mut ws).await;
            (a, b)
        }));
    }
    for t in tasks {
        let (a, b) = t.await.unwrap();
        // Exactly one event per publication, in order: the second event is the second
        // publication, not a repeat of the first.
        assert_eq!((a.seq, b.seq), (1, 2));
        match (&a.event, &b.event) {
            (
                DocumentEvent::Published { document: x },
                DocumentEvent::Published { document: y },
            ) => {
                assert_eq!(x.symbol.to_string(), "E/CN.7/2026/L.2");
                assert_eq!(y.symbol.to_string(), "E/CN.7/2026/CRP.1");
                assert_eq!(x.files[0].mime, "application/pdf");
            }
            other => panic!("{other:?}"),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restricted_document_does_not_exist_for_anyone_outside_its_distribution() {
    let db = TestDb::new(Backend::Postgres);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 3).await;
    let (insider, outsider) = (&fx.delegates[0], &fx.delegates[1]);
    let viewer = fx.participant(Role::Viewer, None).await;
    let (mut outsider_ws, _) = follow_documents(&node, outsider, fx.session).await;
    let (mut insider_ws, _) = follow_documents(&node, insider, fx.session).await;

    let secret = uploaded(
        &fx.secretariat,
        fx.session,
        pdf("for the eyes of one delegation"),
    )
    .await;
    let restricted = published(
        &fx.secretariat,
        fx.session,
        publish(
            "E/CN.7/2026/CRP.9",
            DocumentKind::ConferenceRoomPaper,
            Distribution::Delegations {
                delegations: vec![fx.members[0].id],
            },
            &secret,
        ),
    )
    .await;
    let open = uploaded(&fx.secretariat, fx.session, pdf("for everyone")).await;
    let general = published(
        &fx.secretariat,
        fx.session,
        publish(
            "E/CN.7/2026/INF/1",
            DocumentKind::Information,
            Distribution::General,
            &open,
        ),
    )
    .await;

    // WebSocket: the outsider's next document event is the general one.
    let e = next_document_event(&mut outsider_ws).await;
    assert_eq!(e.event.document(), general.id);
    assert_eq!(
        next_document_event(&mut insider_ws).await.event.document(),
        restricted.id
    );

    let base = format!("/api/sessions/{}/documents", fx.session);
    for who in [outsider, &viewer] {
        // List.
        let list: Vec<Document> = who.get_ok(&base).await;
        assert_eq!(
            list.iter().map(|d| d.id).collect::<Vec<_>>(),
            vec![general.id]
        );
        // Direct, and guessing: the same answer as a document that does not exist.
        let direct = who.get(&format!("{base}/{}", restricted.id)).await;
        let missing = who.get(&format!("{base}/999")).await;
        assert_eq!((direct.status, direct.code()), (404, "document_not_found"));
        assert_eq!(direct.body, missing.body);
        // Download URL.
        let file = who.get(&format!("{base}/{}/files/en", restricted.id)).await;
        assert_eq!((file.status, file.code()), (404, "document_not_found"));
        // A later snapshot or replay does not carry it either.
        let (_, snapshot) = follow_documents(&node, who, fx.session).await;
        assert!(snapshot.iter().all(|d| d.id != restricted.id));
        let mut again = Ws::connect(&node, who).await;
        again
            .send(&ClientFrame::SubscribeDocuments {
                session_id: fx.session,
                since: Some(0),
            })
            .await;
        assert_eq!(
            next_document_event(&mut again).await.event.document(),
            general.id
        );
    }
    // The insider and the secretariat see it everywhere.
    let list: Vec<Document> = insider.get_ok(&base).await;
    assert_eq!(list.len(), 2);
    assert_eq!(
        insider
            .get(&format!("{base}/{}/files/en", restricted.id))
            .await
            .status,
        200
    );
    let list: Vec<Document> = fx.secretariat.get_ok(&base).await;
    assert_eq!(list.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revisions_replace_corrigenda_attach_and_sponsors_sign_on_until_adoption() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 3).await;
    let ngo = fx.participant(Role::Delegate, Some(fx.ngo().id)).await;
    let file = uploaded(&fx.secretariat, fx.session, pdf("draft")).await;
    let mut draft = publish(
        "E/CN.7/2026/L.2",
        DocumentKind::DraftResolution,
        Distribution::General,
        &file,
    );
    if let DocumentCommand::Publish { main_sponsor, .. } = &mut draft {
        *main_sponsor = Some(fx.members[0].id);
    }
    let original = published(&fx.secretariat, fx.session, draft).await;
    let sign_on = |document| DocumentCommand::SignOn { document };
    assert_eq!(
        command(&fx.delegates[1], fx.session, sign_on(original.id))
            .await
            .status,
        200
    );
    assert_eq!(
        command(&fx.delegates[1], fx.session, sign_on(original.id))
            .await
            .code(),
        "already_sponsor"
    );
    assert_eq!(
        command(&ngo, fx.session, sign_on(original.id)).await.code(),
        "not_a_state"
    );

    // A revision replaces the draft and keeps its sponsors; the old text stays readable.
    let (mut watcher, _) = follow_documents(&node, &fx.delegates[2], fx.session).await;
    let rev_file = uploaded(&fx.secretariat, fx.session, pdf("draft, revised")).await;
    let revision = published(
        &fx.secretariat,
        fx.session,
        publish(
            "E/CN.7/2026/L.2/Rev.1",
            DocumentKind::DraftResolution,
            Distribution::General,
            &rev_file,
        ),
    )
    .await;
    assert_eq!(revision.supersedes, Some(original.id));
    assert_eq!(revision.main_sponsor, Some(fx.members[0].id));
    assert_eq!(revision.sponsors, vec![fx.members[1].id]);
    match next_document_event(&mut watcher).await.event {
        DocumentEvent::Published { document } => assert_eq!(
            document.supersedes,
            Some(original.id),
            "the event says what it replaces"
        ),
        e => panic!("{e:?}"),
    }
    let old: Document = fx.delegates[2]
        .get_ok(&format!(
            "/api/sessions/{}/documents/{}",
            fx.session, original.id
        ))
        .await;
    assert_eq!(old.superseded_by, Some(revision.id));
    assert_eq!(
        command(&fx.delegates[2], fx.session, sign_on(original.id))
            .await
            .code(),
        "sponsorship_closed"
    );

    // A corrigendum attaches; one that refers to nothing is refused.
    let corr_file = uploaded(&fx.secretariat, fx.session, pdf("corrigendum")).await;
    let corr = published(
        &fx.secretariat,
        fx.session,
        publish(
            "E/CN.7/2026/L.2/Rev.1/Corr.1",
            DocumentKind::DraftResolution,
            Distribution::General,
            &corr_file,
        ),
    )
    .await;
    assert_eq!(corr.attached_to, Some(revision.id));
    let orphan = command(
        &fx.secretariat,
        fx.session,
        publish(
            "E/CN.7/2026/L.5/Rev.1",
            DocumentKind::DraftResolution,
            Distribution::General,
            &corr_file,
        ),
    )
    .await;
    assert_eq!(orphan.code(), "missing_original");
    let twice = command(
        &fx.secretariat,
        fx.session,
        publish(
            "E/CN.7/2026/L.2",
            DocumentKind::DraftResolution,
            Distribution::General,
            &file,
        ),
    )
    .await;
    assert_eq!(twice.code(), "duplicate_symbol");

    // Sponsors sign on until adoption.
    assert_eq!(
        command(&fx.delegates[2], fx.session, sign_on(revision.id))
            .await
            .status,
        200
    );
    assert_eq!(
        command(
            &fx.secretariat,
            fx.session,
            DocumentCommand::CloseSponsorship {
                document: revision.id
            }
        )
        .await
        .status,
        200
    );
    assert_eq!(
        command(
            &fx.delegates[1],
            fx.session,
            DocumentCommand::SignOff {
                document: revision.id
            }
        )
        .await
        .code(),
        "sponsorship_closed"
    );
    let final_list: Document = fx
        .chair
        .get_ok(&format!(
            "/api/sessions/{}/documents/{}",
            fx.session, revision.id
        ))
        .await;
    assert_eq!(
        final_list.sponsors,
        vec![fx.members[1].id, fx.members[2].id]
    );
    assert!(final_list.sponsorship_closed);
    assert_eq!(final_list.attachments, vec![corr.id]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn downloads_resume_and_bad_uploads_change_nothing() {
    downloads_resume_and_bad_uploads_change_nothing_with(Backend::Sqlite).await;
}

/// The same with PostgreSQL, where the files are kept in the database.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn downloads_resume_and_bad_uploads_change_nothing_with_files_in_postgresql() {
    downloads_resume_and_bad_uploads_change_nothing_with(Backend::Postgres).await;
}

/// How many files the node has stored: on disk with SQLite, in the database with
/// PostgreSQL (each backend's default).
fn stored_files(db: &TestDb) -> u64 {
    match db.backend() {
        Backend::Sqlite => std::fs::read_dir(db.files_dir())
            .map(|d| d.count() as u64)
            .unwrap_or(0),
        Backend::Postgres => db.count_rows("file_contents"),
    }
}

async fn downloads_resume_and_bad_uploads_change_nothing_with(backend: Backend) {
    let db = TestDb::new(backend);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 1).await;
    let text: Vec<u8> = (0..200_000).map(|i| b"abcdefghij\n"[i % 11]).collect();
    let a = upload(&fx.secretariat, fx.session, "text/plain", text.clone()).await;
    assert_eq!(a.status, 201, "{a:?}");
    let id = serde_json::from_value::<UploadedFile>(a.body)
        .unwrap()
        .content_id;
    let mut c = publish(
        "E/CN.7/2026/INF/2",
        DocumentKind::Information,
        Distribution::General,
        &id,
    );
    if let DocumentCommand::Publish { files, .. } = &mut c {
        files[0].language = Language::Fr;
    }
    let doc = published(&fx.secretariat, fx.session, c).await;
    let url = format!(
        "{}/api/sessions/{}/documents/{}/files/fr",
        node.base, fx.session, doc.id
    );
    let get = |range: Option<&'static str>, etag: Option<String>| {
        let mut r = fx.delegates[0]
            .http
            .get(&url)
            .bearer_auth(fx.delegates[0].token.as_ref().unwrap());
        if let Some(range) = range {
            r = r.header("range", range);
        }
        if let Some(tag) = etag {
            r = r.header("if-none-match", tag);
        }
        r.send()
    };
    // A download interrupted after 1,000 bytes resumes where it stopped.
    let first = get(Some("bytes=0-999"), None).await.unwrap();
    assert_eq!(first.status(), 206);
    assert_eq!(first.headers()["content-range"], "bytes 0-999/200000");
    let etag = first.headers()["etag"].to_str().unwrap().to_string();
    let disposition = first.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(disposition.contains("E_CN.7_2026_INF_2"), "{disposition}");
    let mut body = first.bytes().await.unwrap().to_vec();
    let rest = get(Some("bytes=1000-"), None).await.unwrap();
    assert_eq!(rest.status(), 206);
    body.extend_from_slice(&rest.bytes().await.unwrap());
    assert_eq!(body, text);
    assert_eq!(get(None, Some(etag.clone())).await.unwrap().status(), 304);
    // A client that checks before resuming asks with HEAD: the size and the tag, no body.
    let head = fx.delegates[0]
        .http
        .head(&url)
        .bearer_auth(fx.delegates[0].token.as_ref().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(head.status(), 200);
    assert_eq!(head.headers()["content-length"], "200000");
    assert_eq!(head.headers()["etag"].to_str().unwrap(), etag);
    assert!(head.bytes().await.unwrap().is_empty());

    // Too large, lying about its type, or with a hostile name: refused or ignored.
    let before = stored_files(&db);
    assert!(before > 0, "the text file is stored");
    let huge = upload(
        &fx.secretariat,
        fx.session,
        "application/pdf",
        vec![b'%'; 50 * 1024 * 1024 + 1],
    )
    .await;
    assert_eq!((huge.status, huge.code()), (413, "file_too_large"));
    let html = upload(
        &fx.secretariat,
        fx.session,
        "application/pdf",
        b"<!DOCTYPE html><script>alert(1)</script>".to_vec(),
    )
    .await;
    assert_eq!((html.status, html.code()), (415, "file_type_mismatch"));
    let exe = upload(
        &fx.secretariat,
        fx.session,
        "application/octet-stream",
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec(),
    )
    .await;
    assert_eq!(exe.status, 415, "{exe:?}");
    assert_eq!(stored_files(&db), before, "nothing stored");
    let hostile = fx
        .secretariat
        .http
        .post(format!("{}/api/sessions/{}/files", node.base, fx.session))
        .bearer_auth(fx.secretariat.token.as_ref().unwrap())
        .header("content-type", "application/pdf")
        .header(
            "content-disposition",
            "attachment; filename=\"../../../../tmp/owned.pdf\"",
        )
        .body(pdf("hostile"))
        .send()
        .await
        .unwrap();
    assert_eq!(hostile.status(), 201);
    assert!(!std::path::Path::new("/tmp/owned.pdf").exists());
    assert!(!db.files_dir().join("owned.pdf").exists());
    let delegate_upload = upload(
        &fx.delegates[0],
        fx.session,
        "application/pdf",
        pdf("not allowed"),
    )
    .await;
    assert_eq!(delegate_upload.status, 403);
}

/// A PostgreSQL node that kept its files on disk (`FLOOR_FILES=disk`) and restarts with the
/// default store, the database: the documents uploaded before are still served (read
/// through to the disk folder), and a new upload goes to the database.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_kept_on_disk_are_still_served_after_the_node_moves_to_the_database_store() {
    let db = TestDb::new(Backend::Postgres);
    let on_disk = NodeOptions {
        env: vec![("FLOOR_FILES", "disk".into())],
        ..Default::default()
    };
    let before = Node::start_with(&db, &on_disk);
    let fx = Fixture::new(&before, 1).await;
    let content = pdf("uploaded while files were kept on disk");
    let id = uploaded(&fx.secretariat, fx.session, content.clone()).await;
    let doc = published(
        &fx.secretariat,
        fx.session,
        publish(
            "E/CN.7/2026/CRP.9",
            DocumentKind::ConferenceRoomPaper,
            Distribution::General,
            &id,
        ),
    )
    .await;
    assert!(db.files_dir().join(&id[..2]).join(&id).is_file());
    assert_eq!(
        db.count_rows("file_contents"),
        0,
        "kept on disk, not in the database"
    );
    before.kill();

    // The same node, upgraded: FLOOR_FILES unset, so the database store.
    let after = Node::start(&db);
    let on_after = |c: &Client| Client {
        base: after.base.clone(),
        ..c.clone()
    };
    let delegate = on_after(&fx.delegates[0]);
    let download = delegate
        .http
        .get(format!(
            "{}/api/sessions/{}/documents/{}/files/en",
            after.base, fx.session, doc.id
        ))
        .bearer_auth(delegate.token.as_ref().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(
        download.status(),
        200,
        "the file uploaded before the upgrade"
    );
    assert_eq!(download.bytes().await.unwrap().as_ref(), content.as_slice());
    let ranged = delegate
        .http
        .get(format!(
            "{}/api/sessions/{}/documents/{}/files/en",
            after.base, fx.session, doc.id
        ))
        .bearer_auth(delegate.token.as_ref().unwrap())
        .header("range", "bytes=0-7")
        .send()
        .await
        .unwrap();
    assert_eq!(ranged.status(), 206);
    assert_eq!(ranged.bytes().await.unwrap().as_ref(), &content[..8]);

    // A new upload goes to the database.
    let newer = uploaded(
        &on_after(&fx.secretariat),
        fx.session,
        pdf("uploaded after the upgrade"),
    )
    .await;
    assert_eq!(db.count_rows("file_contents"), 1);
    assert!(!db.files_dir().join(&newer[..2]).join(&newer).exists());
}
