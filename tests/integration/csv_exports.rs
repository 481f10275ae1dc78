//! The CSV exports open safely in a spreadsheet: a cell that would start a formula is
//! neutralised (OWASP, "CSV injection").

use floor_protocol::*;
use floor_testkit::*;

async fn csv(who: &Client, path: &str) -> String {
    who.http
        .get(format!("{}{path}", who.base))
        .bearer_auth(who.token.as_ref().unwrap())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// A proposal whose reference and title are formulas is recorded as tabled (nothing
/// accepted is lost), and `decisions.csv` carries them as text: each cell starts with `'`,
/// so a spreadsheet shows the text instead of evaluating it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn decisions_csv_neutralises_a_reference_that_is_a_formula() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 3).await;
    fx.open().await;
    let reference = "=HYPERLINK(\"http://attacker.example/\",\"L.7\")";
    let title = "@SUM(1+1)";
    let accepted = fx
        .chair
        .command_ok(
            fx.meeting,
            Command::TableProposal {
                reference: reference.into(),
                title: title.into(),
                sponsors: vec![],
                budget_implications: false,
                amends: None,
                text: String::new(),
            },
        )
        .await;
    let proposal = match &accepted.events[0].event {
        Event::ProposalTabled { proposal } => proposal.id,
        e => panic!("{e:?}"),
    };
    fx.chair
        .command_ok(fx.meeting, Command::AdoptWithoutVote { proposal })
        .await;

    let text = csv(
        &fx.chair,
        &format!("/api/meetings/{}/decisions.csv", fx.meeting),
    )
    .await;
    let row = text.lines().nth(1).expect("a decision row");
    // The reference (quoted, for its comma and quotes) and the title, each behind a `'`.
    assert!(
        row.contains(",\"'=HYPERLINK(\"\"http://attacker.example/\"\",\"\"L.7\"\")\",'@SUM(1+1),"),
        "{text}"
    );
}
